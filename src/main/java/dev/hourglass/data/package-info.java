/** Grayscale images in Java, their files, folders, crops and tiles, and the procedural phantom set. */
package dev.hourglass.data;
