package dev.portguard.junit;

import dev.portguard.core.FindingType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a test (or every test of a class) expects of its HTTP connections. On a method it replaces the class's
 * expectations. Without it, any finding fails the test.
 *
 * <pre>{@code
 * @Test
 * @PoolExpectations(maxConnectionsPerRequest = 0.1, allow = FindingType.POOL_CHURN)
 * void importsACatalogue() { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PoolExpectations {
    /** Not set: no limit on connections per request beyond what the detectors find. */
    double UNSET = -1;

    /**
     * The most new connections per request the test may open toward any destination, whatever the detectors'
     * minimum request counts; for example {@code 0.1}. Checked only for destinations the test sent requests to.
     */
    double maxConnectionsPerRequest() default UNSET;

    /** Finding types that do not fail this test. */
    FindingType[] allow() default {};
}
