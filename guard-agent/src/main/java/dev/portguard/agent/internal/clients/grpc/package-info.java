/**
 * gRPC-java: guards every channel builder with guard-grpc's interceptor as it builds, linked against the
 * application's gRPC; every transport (Netty, Netty shaded, OkHttp) builds through the same builder.
 */
package dev.portguard.agent.internal.clients.grpc;
