/** picocli commands, one class per verb; the only package that prints or exits. */
package dev.hourglass.cli;
