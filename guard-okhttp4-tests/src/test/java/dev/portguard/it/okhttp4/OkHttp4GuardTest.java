package dev.portguard.it.okhttp4;

import dev.portguard.it.okhttp.OkHttpGuardScenarios;
import okhttp3.EventListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OkHttp scenarios on OkHttp 4.12 (guard-okhttp is compiled against 5): the same counts and findings, and the
 * user's listener composed without OkHttp 5's {@code EventListener.plus}.
 */
class OkHttp4GuardTest extends OkHttpGuardScenarios {

    @Override
    protected String okHttpVersion() {
        return "4.12.";
    }

    /**
     * 4.12 cannot compose listeners, so here the listener scenarios (the user's listener hears every event, in the
     * same order as without the guard) exercise the guard's own forwarding, not OkHttp's composition.
     */
    @Test
    void okHttp4HasNoListenerCompositionSoTheGuardForwardsEventsItself() {
        assertThatThrownBy(() -> EventListener.class.getMethod("plus", EventListener.class))
                .isInstanceOf(NoSuchMethodException.class);
    }
}
