package dev.portguard.it.okhttp;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The OkHttp scenarios on OkHttp 5, which guard-okhttp is compiled against. */
class OkHttp5GuardTest extends OkHttpGuardScenarios {

    @Override
    protected String okHttpVersion() {
        return "5.";
    }

    /**
     * OkHttp 5 composes the user's listener with the guard's itself ({@code EventListener.plus}), so events that
     * version added reach the user's listener too, though the guard knows nothing of them.
     */
    @Test
    void theUsersListenerAlsoHearsEventsOkHttp5Added() throws Exception {
        AtomicInteger followUpDecisions = new AtomicInteger();
        EventListener mine = new EventListener() {
            @Override
            public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
                followUpDecisions.incrementAndGet();
            }
        };
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder().eventListener(mine)).build();
        for (int i = 0; i < 30; i++) {
            get(client);
        }
        assertThat(followUpDecisions.get()).isEqualTo(30);
        assertThat(counts().requests()).isEqualTo(30).isEqualTo(server.requests());
        assertThat(counts().connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
    }
}
