package dev.netwright.engine.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The allowed range of a numeric {@link TrainingSettings} field. The record checks it, and the launch dialog, the
 * REST API and the command line all go through the record, so a value is refused the same way everywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Limit {
    double min();

    double max();

    /** The minimum itself is not allowed (a learning rate of 0 trains nothing). */
    boolean minExclusive() default false;

    /** The maximum itself is not allowed (a decay factor of 1 is no decay). */
    boolean maxExclusive() default false;
}
