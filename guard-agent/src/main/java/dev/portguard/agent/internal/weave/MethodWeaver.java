package dev.portguard.agent.internal.weave;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Weaves one seam into one method, reading expanded frames and writing frames by hand (no frame computation, so
 * no class is ever loaded to find a common super type):
 *
 * <pre>
 *   prologue:  copy the arguments the exit call reads; token = enter call (its throwables swallowed)
 *   body:      the original code; each return stores its value and jumps to the exit block
 *   exit:      exit call (throwables swallowed); return the stored value
 *   throw:     a catch-all after the method's own handlers: exit call with the throwable (swallowed); rethrow
 * </pre>
 *
 * Woven values live in slots past the method's own, so the frames at the blocks this adds list only {@code this},
 * those slots and {@code top} for everything else: they hold whatever the original code left in its slots.
 */
final class MethodWeaver extends MethodVisitor {
    private static final String THROWABLE = "java/lang/Throwable";

    private final Seam seam;
    private final String bridge;
    private final boolean isStatic;
    private final boolean isConstructor;
    private final boolean writeFrames;
    private final Type[] arguments;
    private final Type returnType;
    private final String owner;
    private final int originalMaxLocals;
    private final int[] copySlot;
    private final int tokenSlot;
    /** Holds the return value on the exit path and the throwable on the throw path. */
    private final int resultSlot;
    private final Label exitBlock = new Label();
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label throwBlock = new Label();
    private boolean begun;

    MethodWeaver(MethodVisitor next, String bridge, String owner, int access, String name, String descriptor,
                 int classVersion, Seam seam, int originalMaxLocals) {
        super(Opcodes.ASM9, next);
        this.seam = seam;
        this.bridge = bridge;
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.isConstructor = name.equals("<init>");
        this.writeFrames = classVersion >= Opcodes.V1_6;
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.originalMaxLocals = originalMaxLocals;
        int next0 = originalMaxLocals;
        copySlot = new int[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            copySlot[i] = seam.exit() != null && seam.exit().readsArgument(i) ? next0++ : -1;
        }
        tokenSlot = seam.enter() != null && seam.enter().returnsToken() ? next0++ : -1;
        resultSlot = next0;
    }

    // --- prologue: before the first instruction, after the method's own exception table -------------------

    private void begin() {
        if (begun) {
            return;
        }
        begun = true;
        if (seam.exit() != null && seam.when().onThrow()) {
            // registered after the method's own handlers, so those keep catching first
            super.visitTryCatchBlock(bodyStart, bodyEnd, throwBlock, THROWABLE);
        }
        for (int i = 0; i < arguments.length; i++) {
            if (copySlot[i] >= 0) {
                super.visitVarInsn(Opcodes.ALOAD, argumentSlot(i));
                super.visitVarInsn(Opcodes.ASTORE, copySlot[i]);
            }
        }
        if (tokenSlot >= 0) {
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ASTORE, tokenSlot);
        }
        if (seam.enter() != null) {
            Object[] locals = entryLocals();
            guarded(seam.enter(), Path.ENTER, locals);
        }
        super.visitLabel(bodyStart);
    }

    /**
     * {@code try { call } catch (Throwable t) { }}: the bridge swallows its own failures; this covers what can
     * fail at the call itself (linking the bridge, a stack overflow). Ends with a frame and a nop, so an original
     * frame that follows lands on its own offset.
     */
    private void guarded(BridgeCall call, Path path, Object[] locals) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label done = new Label();
        super.visitTryCatchBlock(start, end, handler, THROWABLE);
        super.visitLabel(start);
        super.visitLdcInsn(call.hook());
        for (Value v : call.values()) {
            push(v, path);
        }
        for (int i = call.values().size(); i < BridgeCall.MAX_VALUES; i++) {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, bridge, BridgeCall.METHOD, BridgeCall.DESCRIPTOR, false);
        if (call.returnsToken()) {
            super.visitVarInsn(Opcodes.ASTORE, tokenSlot);
        } else if (call.returnsEarly() && returnsObject()) {
            // if (result instanceof R) return (R) result; the exit call, if any, is skipped with the body
            Label keep = new Label();
            super.visitInsn(Opcodes.DUP);
            super.visitTypeInsn(Opcodes.INSTANCEOF, returnType.getInternalName());
            super.visitJumpInsn(Opcodes.IFEQ, keep);
            super.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
            super.visitInsn(Opcodes.ARETURN);
            super.visitLabel(keep);
            frame(locals, new Object[] {"java/lang/Object"});
            super.visitInsn(Opcodes.POP);
        } else {
            super.visitInsn(Opcodes.POP);
        }
        super.visitLabel(end);
        super.visitJumpInsn(Opcodes.GOTO, done);
        super.visitLabel(handler);
        frame(locals, new Object[] {THROWABLE});
        super.visitInsn(Opcodes.POP);
        super.visitLabel(done);
        frame(locals, new Object[0]);
        super.visitInsn(Opcodes.NOP);
    }

    private boolean returnsObject() {
        return returnType.getSort() == Type.OBJECT || returnType.getSort() == Type.ARRAY;
    }

    /** Where a bridge call is woven: on entry arguments are in their own slots, later in their copies. */
    private enum Path {
        ENTER, RETURN, THROW
    }

    private void push(Value v, Path path) {
        switch (v.kind()) {
            case THIS -> super.visitVarInsn(Opcodes.ALOAD, 0);
            case ARGUMENT -> super.visitVarInsn(Opcodes.ALOAD,
                    path == Path.ENTER ? argumentSlot(v.index()) : copySlot[v.index()]);
            case CONSTANT -> super.visitLdcInsn(v.constant());
            case TOKEN -> super.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            case NO_FAILURE -> super.visitInsn(Opcodes.ACONST_NULL);
            case RETURNED -> {
                if (path == Path.RETURN && returnType.getSort() != Type.VOID) {
                    super.visitVarInsn(Opcodes.ALOAD, resultSlot);
                } else {
                    super.visitInsn(Opcodes.ACONST_NULL);
                }
            }
            case THROWN -> {
                if (path == Path.THROW) {
                    super.visitVarInsn(Opcodes.ALOAD, resultSlot);
                } else {
                    super.visitInsn(Opcodes.ACONST_NULL);
                }
            }
        }
    }

    // --- body: returns jump to the exit block -------------------------------------------------------------

    @Override
    public void visitInsn(int opcode) {
        begin();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN && seam.exit() != null && seam.when().onReturn()) {
            if (returnType.getSort() != Type.VOID) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), resultSlot);
            }
            super.visitJumpInsn(Opcodes.GOTO, exitBlock);
            return;
        }
        super.visitInsn(opcode);
    }

    // --- epilogue -----------------------------------------------------------------------------------------

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        begin();
        super.visitLabel(bodyEnd);
        if (seam.exit() != null && seam.when().onReturn()) {
            Object[] locals = withResult(exitLocals(), returnType.getSort() == Type.VOID ? null : frameType(returnType));
            super.visitLabel(exitBlock);
            frame(locals, new Object[0]);
            guarded(seam.exit(), Path.RETURN, locals);
            if (returnType.getSort() != Type.VOID) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), resultSlot);
            }
            super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
        }
        if (seam.exit() != null && seam.when().onThrow()) {
            Object[] locals = exitLocals();
            super.visitLabel(throwBlock);
            frame(locals, new Object[] {THROWABLE});
            super.visitVarInsn(Opcodes.ASTORE, resultSlot);
            Object[] withThrown = withResult(locals, THROWABLE);
            guarded(seam.exit(), Path.THROW, withThrown);
            super.visitVarInsn(Opcodes.ALOAD, resultSlot);
            super.visitInsn(Opcodes.ATHROW);
        }
        int resultSize = Math.max(1, returnType.getSize());
        // a woven call's hook number and values are all it stacks, and only where the method's stack is empty
        super.visitMaxs(Math.max(maxStack, 1 + BridgeCall.MAX_VALUES),
                Math.max(maxLocals, resultSlot + resultSize));
    }

    // --- frames -------------------------------------------------------------------------------------------

    /** On entry: this (uninitialised in a constructor), the arguments, then the copies and the token. */
    private Object[] entryLocals() {
        List<Object> locals = new ArrayList<>();
        int slot = 0;
        if (!isStatic) {
            locals.add(isConstructor ? Opcodes.UNINITIALIZED_THIS : owner);
            slot++;
        }
        for (Type a : arguments) {
            locals.add(frameType(a));
            slot += a.getSize();
        }
        return ourSlots(locals, slot);
    }

    /** Anywhere in the body: only this and the slots this weaver owns are known. */
    private Object[] exitLocals() {
        List<Object> locals = new ArrayList<>();
        int slot = 0;
        if (!isStatic) {
            locals.add(owner);
            slot++;
        }
        return ourSlots(locals, slot);
    }

    private Object[] ourSlots(List<Object> locals, int from) {
        for (int slot = from; slot < originalMaxLocals; slot++) {
            locals.add(Opcodes.TOP);
        }
        for (int slot : copySlot) {
            if (slot >= 0) {
                locals.add("java/lang/Object");
            }
        }
        if (tokenSlot >= 0) {
            locals.add("java/lang/Object");
        }
        return locals.toArray();
    }

    private static Object[] withResult(Object[] locals, Object result) {
        if (result == null) {
            return locals;
        }
        Object[] with = java.util.Arrays.copyOf(locals, locals.length + 1);
        with[locals.length] = result;
        return with;
    }

    private void frame(Object[] locals, Object[] stack) {
        if (writeFrames) {
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    private static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            case Type.ARRAY -> type.getDescriptor();
            default -> type.getInternalName();
        };
    }

    private int argumentSlot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += arguments[i].getSize();
        }
        return slot;
    }

    // --- every other instruction only starts the body first -----------------------------------------------

    /**
     * The method's own frames say nothing of the slots this weaver added, which would make them {@code top} for
     * the verifier from there on: every frame in the body gets them appended, after padding to the method's own
     * slots.
     */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        if (type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack); // not expanded: never read so by the weaver
            return;
        }
        List<Object> locals = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < numLocal; i++) {
            locals.add(local[i]);
            slot += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        Object[] extended = ourSlots(locals, slot);
        super.visitFrame(type, extended.length, extended, numStack, stack);
    }

    @Override
    public void visitLabel(Label label) {
        begin();
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        begin();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        begin();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        begin();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        begin();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
        begin();
        super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
        begin();
        super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        begin();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        begin();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        begin();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        begin();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        begin();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        begin();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        begin();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
