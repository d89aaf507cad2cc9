package dev.portguard.agent.internal;

import dev.portguard.agent.internal.weave.BridgeCall;
import dev.portguard.agent.internal.weave.ClassSeams;
import dev.portguard.agent.internal.weave.ClassWeaver;
import dev.portguard.agent.internal.weave.Seam;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bridge call in the seam table resolves: the bridge the build hides for the boot loader has the method and
 * descriptor the weaver emits, its hook interface the one the agent implements, and every call names a hook of
 * the table with the values that hook takes. And every seam matches in the client versions the build tests with.
 */
class BridgeTableTest {
    /** Where the build moves the bridge: no class loader of the agent's looks there. */
    private static final Path HIDDEN = Path.of("target/classes", BootClasses.HIDDEN);

    @Test
    void theHiddenBridgeHasTheOneMethodEveryWovenCallInvokes() throws Exception {
        try (URLClassLoader boot = new URLClassLoader(new URL[] {HIDDEN.toUri().toURL()}, null)) {
            Class<?> bridge = boot.loadClass(BootClasses.NAMES[1]);
            Method call = bridge.getMethod(BridgeCall.METHOD, int.class, Object.class, Object.class, Object.class);
            assertThat(Modifier.isStatic(call.getModifiers())).isTrue();
            assertThat(Type.getMethodDescriptor(call)).isEqualTo(BridgeCall.DESCRIPTOR);

            Class<?> hooks = boot.loadClass(BootClasses.NAMES[0]);
            Method hook = hooks.getMethod("call", int.class, Object.class, Object.class, Object.class);
            assertThat(Type.getMethodDescriptor(hook)).isEqualTo(BridgeCall.DESCRIPTOR);
            assertThat(hooks.getMethods()).as("the one method the agent implements").hasSize(1);
            for (Class<?> c : List.of(bridge, hooks)) {
                for (Method m : c.getDeclaredMethods()) {
                    for (Class<?> p : m.getParameterTypes()) {
                        assertThat(p.isPrimitive() || p.getName().startsWith("java.") || p == hooks)
                                .as("boot classes are typed with JDK types only: " + m).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void everyCallInTheSeamTableNamesAHookWithItsArity() {
        Set<Hook> used = new HashSet<>();
        for (ClassSeams c : AgentSeams.all()) {
            for (Seam s : c.seams()) {
                for (BridgeCall call : calls(s)) {
                    Hook hook = Hook.byNumber(call.hook());
                    assertThat(hook).as(c.className() + " " + call).isNotNull();
                    assertThat(hook.name()).isEqualTo(call.name());
                    assertThat(call.values()).hasSize(hook.arity());
                    assertThat(call.returnsToken()).isEqualTo(hook.returnsToken());
                    used.add(hook);
                }
            }
        }
        assertThat(used).as("every hook of the table is woven somewhere").containsExactlyInAnyOrder(Hook.values());
        assertThat(Hook.byNumber(Hook.values().length)).isNull();
        assertThat(Hook.byNumber(-1)).isNull();
    }

    @Test
    void everySeamMatchesInTheClientVersionsTheBuildTestsWith() throws Exception {
        ClassWeaver weaver = new ClassWeaver("dev/portguard/agent/bootstrap/Bridge");
        for (ClassSeams c : AgentSeams.all()) {
            byte[] original;
            try (InputStream in = ClassLoader.getSystemResourceAsStream(c.internalName() + ".class")) {
                assertThat(in).as(c.className() + " on the test class path").isNotNull();
                original = in.readAllBytes();
            }
            ClassWeaver.Result result = weaver.weave(original, c);
            assertThat(result.missing()).as(c.className()).isEmpty();
            // structure and instructions; the JVM verifies the frames when the agent tests load these classes
            new org.objectweb.asm.ClassReader(result.bytes()).accept(new CheckClassAdapter(null, false), 0);
        }
    }

    private static List<BridgeCall> calls(Seam s) {
        List<BridgeCall> calls = new ArrayList<>();
        if (s.enter() != null) {
            calls.add(s.enter());
        }
        if (s.exit() != null) {
            calls.add(s.exit());
        }
        return calls;
    }
}
