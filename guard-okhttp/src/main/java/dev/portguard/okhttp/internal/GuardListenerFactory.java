package dev.portguard.okhttp.internal;

import dev.portguard.core.spi.ClientPool;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Gives each call the guard's listener composed with the user's. Without a user listener every call shares one
 * stateless guard listener, so the guard adds no allocation per call.
 */
public final class GuardListenerFactory implements EventListener.Factory {
    private final EventListener.Factory userFactory;
    private final GuardEventListener guardListener;

    public GuardListenerFactory(ClientPool pool, EventListener.Factory userFactory) {
        this.userFactory = userFactory;
        this.guardListener = new GuardEventListener(pool);
    }

    @Override
    public EventListener create(Call call) {
        EventListener user = userFactory.create(call);
        if (user == EventListener.NONE) {
            return guardListener;
        }
        return Composition.compose(user, guardListener);
    }
}
