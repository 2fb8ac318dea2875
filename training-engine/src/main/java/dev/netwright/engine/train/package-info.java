/**
 * Training core: supervised and GAN training of any DJL {@link ai.djl.nn.Block} on in-memory
 * {@link dev.netwright.engine.data.ArrayDataset}s.
 *
 * <h2>Supervised</h2>
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *         .loss(LossKind.SOFTMAX_CROSS_ENTROPY)
 *         .optimizer(OptimizerKind.ADAM, 1e-3)
 *         .schedule(ScheduleConfig.cosine(1e-5).withWarmup(1))
 *         .clipping(GradientClipping.byNorm(1.0))
 *         .earlyStopping(EarlyStoppingConfig.on(MonitoredMetric.VAL_LOSS, 5, 1e-4))
 *         .epochs(30).batchSize(64).seed(42).build();
 * TrainingResult result = new SupervisedTrainer(config, listener)
 *         .train(block, new Shape(784), TrainingData.of(train, validation, test), checkpointDir, cancelFlag);
 * // after a crash or a stop: new SupervisedTrainer(config, listener).resume(freshBlock, ...same arguments...)
 * }</pre>
 * Classification networks output raw logits; the loss applies softmax / sigmoid, and
 * {@link dev.netwright.engine.train.Predictions} turns logits into probabilities and classes.
 *
 * <h2>GAN</h2>
 * <pre>{@code
 * GanResult result = new GanTrainer(config, ganListener)
 *         .train(generator, discriminator, unlabelledData, checkpointDir, cancelFlag);
 * }</pre>
 *
 * <p>Both trainers live here beside what they share, so that it stays package-private: the epoch loop and its
 * listeners ({@code EpochLoop}, {@code LoopListener}, {@code CancellationCheck}, {@code DivergenceCheck}), batching
 * and the hold-out split ({@code Batcher}, {@code Prefetcher}, {@code HoldOut}), update rules and clipping
 * ({@code Updaters}, {@code GradientClipper}), learning-rate schedules ({@code Schedules}, {@code PlateauReducer}),
 * losses ({@code Losses}, {@code ClassWeightedLoss}), checkpoints ({@code CheckpointStore}, {@code RunState}),
 * improvement tracking, the sharded forward pass ({@code DataParallel}) and the reading of step metrics to the host
 * in windows ({@code StatsWindow}); the GAN trainer's own types start
 * with {@code Gan}. Trainer-specific listeners (checkpoints, plateau, early stopping, reports) live next to their
 * trainer.
 *
 * <p>Sub-packages: {@code config} (settings records), {@code metrics} (listener and value records),
 * {@code parallel} (the device plan), {@code profile} (the batch profile).
 *
 * <p>How libtorch's CPU threads are used: the JIT compiler threads yield to them ({@code CompilerThreads}) and small
 * predictions run on the calling thread alone ({@link dev.netwright.engine.train.IntraOpThreads}).
 *
 * <p>Several runs may share a JVM (each on its own thread): DJL's PyTorch gradient collector is process-wide, so
 * the trainers serialise their forward/backward sections on {@link dev.netwright.engine.train.EngineSupport#collectorLock()}.
 */
package dev.netwright.engine.train;
