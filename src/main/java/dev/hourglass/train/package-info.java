/**
 * Turns a training config and a dataset into a run folder: the step ({@link dev.hourglass.train.TrainableModel}),
 * losses, optimisers, the loop ({@link dev.hourglass.train.Trainer}), learning-rate schedule,
 * validation, checkpoints, metrics, plots and summary. Progress goes to a
 * {@link dev.hourglass.train.Progress} that the CLI renders.
 */
package dev.hourglass.train;
