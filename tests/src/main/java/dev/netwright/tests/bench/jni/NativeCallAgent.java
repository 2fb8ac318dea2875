package dev.netwright.tests.bench.jni;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A Java agent ({@code -javaagent:tests/target/netwright-native-calls.jar}) that makes the benchmarks' JNI and
 * NDArray counts exact: when the DJL PyTorch engine's classes load, it puts a call to {@link NativeCalls#call} before
 * every call of a {@code PyTorchLibrary} native method (the engine's only way into libtorch) and a call to
 * {@link NativeCalls#arrayCreated} at the end of every {@code PtNDArray} constructor. Sampling profilers (JFR) see
 * where time goes but cannot count calls; this counts every one.
 */
public final class NativeCallAgent {
    private static final String ENGINE = "ai/djl/pytorch/";
    private static final String LIBRARY = "ai/djl/pytorch/jni/PyTorchLibrary";
    private static final String ARRAY = "ai/djl/pytorch/engine/PtNDArray";
    private static final String COUNTER = NativeCalls.class.getName().replace('.', '/');

    private NativeCallAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] bytes) {
                if (name == null || !name.startsWith(ENGINE) || name.equals(LIBRARY)) {
                    return null;
                }
                try {
                    return rewrite(name, bytes);
                } catch (RuntimeException e) {
                    System.err.println("native call counting: could not rewrite " + name + ": " + e);
                    return null;
                }
            }
        });
        NativeCalls.activate();
    }

    /** The class with the counting calls added; frames stay valid because no branch is added. */
    static byte[] rewrite(String className, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
                boolean constructor = className.equals(ARRAY) && method.equals("<init>");
                return new MethodVisitor(Opcodes.ASM9, next) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (owner.equals(LIBRARY) && !name.equals("<init>")) {
                            super.visitLdcInsn(NativeCalls.idOf(name));
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTER, "call", "(I)V", false);
                        }
                        super.visitMethodInsn(opcode, owner, name, desc, itf);
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (constructor && opcode == Opcodes.RETURN) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTER, "arrayCreated", "()V", false);
                        }
                        super.visitInsn(opcode);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
