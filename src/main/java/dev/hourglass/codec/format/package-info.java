/** The versioned byte layout of a compressed hourglass file (see FORMAT.md): writer, reader, CRC, typed errors. */
package dev.hourglass.codec.format;
