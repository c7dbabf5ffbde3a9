/** Image quality and rate measures as pure functions; each states its conventions. */
package dev.hourglass.metrics;
