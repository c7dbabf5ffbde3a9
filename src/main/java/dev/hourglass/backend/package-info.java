/**
 * The only place for JavaCPP specifics: loading libtorch, device choice, thread settings, memory
 * scopes, tensor ⇄ array copies and the process's resident memory.
 */
package dev.hourglass.backend;
