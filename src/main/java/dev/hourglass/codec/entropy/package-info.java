/**
 * Lossless coding of integer symbols: a 32-bit arithmetic coder over integer frequency tables and
 * adaptive frequency models. Everything is integer arithmetic, so a decoder on any machine
 * reproduces the encoder's probabilities bit for bit. Knows nothing of networks.
 */
package dev.hourglass.codec.entropy;
