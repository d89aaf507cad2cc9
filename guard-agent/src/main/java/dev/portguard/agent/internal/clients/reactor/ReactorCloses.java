package dev.portguard.agent.internal.clients.reactor;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The closes of Reactor Netty's pooled channels, and who closed first. Each counted channel's close future gets a
 * listener, which Netty calls once, when the channel has closed, whatever closed it. A close the client asks for
 * (its pool evicting or disposing, a response not kept alive, an error) travels down the channel's pipeline to its
 * head; Netty closes a channel whose peer ended the stream without that call, so a close that never reached the
 * head is the server's. Netty types are read through their public interfaces.
 */
final class ReactorCloses {
    /** Counted channels, until they close; the same watch is the listener's. */
    private final WeakIdentityMap<Object, Watch> watched = new WeakIdentityMap<>();

    /** Counts the close of {@code channel} (a Netty channel) toward {@code destination}, once it happens. */
    void watch(Object channel, PoolDestination destination) throws Throwable {
        MethodHandle[] netty = NETTY.get(channel.getClass());
        if (netty.length == 0 || watched.get(channel) != null) {
            return;
        }
        Watch watch = new Watch(destination);
        Object listener = Proxy.newProxyInstance(netty[2].type().parameterType(1).getClassLoader(),
                new Class<?>[] {netty[2].type().parameterType(1)}, watch);
        watched.put(channel, watch);
        Object closeFuture = netty[1].invoke(channel);
        if (closeFuture != null) {
            netty[2].invoke(closeFuture, listener);
        }
    }

    /** The pipeline's head of {@code context}'s channel is asked to close it: the client closes it. */
    void closing(Object context) throws Throwable {
        MethodHandle[] netty = context == null ? new MethodHandle[0] : NETTY.get(context.getClass());
        Object channel = netty.length == 0 ? null : netty[0].invoke(context);
        Watch watch = channel == null ? null : watched.get(channel);
        if (watch != null) {
            watch.byClient = true;
        }
    }

    /** One channel's close: the listener Netty calls once it closed. Never throws into Netty. */
    private static final class Watch implements InvocationHandler {
        final PoolDestination destination;
        volatile boolean byClient;
        private boolean counted;

        Watch(PoolDestination destination) {
            this.destination = destination;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "operationComplete" -> closed();
                case "equals" -> {
                    return args != null && args.length == 1 && proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "PortGuard close count";
                }
                default -> {
                    // nothing else is called on a listener
                }
            }
            return null;
        }

        private void closed() {
            synchronized (this) {
                if (counted) {
                    return;
                }
                counted = true;
            }
            try {
                destination.connectionClosed(byClient ? ClosedBy.CLIENT : ClosedBy.SERVER);
            } catch (RuntimeException | LinkageError e) {
                // never break the channel's close
            }
        }
    }

    /**
     * Netty's public interfaces in the loader of a channel or handler context class: {@code
     * ChannelHandlerContext.channel()}, {@code Channel.closeFuture()}, {@code ChannelFuture.addListener(
     * GenericFutureListener)}; none when absent.
     */
    private static final ClassValue<MethodHandle[]> NETTY = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                ClassLoader loader = type.getClassLoader();
                Class<?> context = Class.forName("io.netty.channel.ChannelHandlerContext", false, loader);
                Class<?> channel = Class.forName("io.netty.channel.Channel", false, loader);
                Class<?> future = Class.forName("io.netty.channel.ChannelFuture", false, loader);
                Class<?> listener = Class.forName("io.netty.util.concurrent.GenericFutureListener", false, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new MethodHandle[] {
                        lookup.findVirtual(context, "channel", MethodType.methodType(channel))
                                .asType(MethodType.methodType(Object.class, Object.class)),
                        lookup.findVirtual(channel, "closeFuture", MethodType.methodType(future))
                                .asType(MethodType.methodType(Object.class, Object.class)),
                        lookup.findVirtual(future, "addListener", MethodType.methodType(future, listener))
                                .asType(MethodType.methodType(Object.class, Object.class, listener))};
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new MethodHandle[0];
            }
        }
    };
}
