/**
 * The report as one self-contained HTML page ({@code report --html}): the architecture diagram
 * (drawn here from the measured rows), charts rendered by JFreeChart to SVG through JFreeSVG,
 * raster pictures as inline PNG, and the tables as HTML. Plain Java values in, a string out; no
 * tensor, no file, no network.
 */
package dev.hourglass.inspect.html;
