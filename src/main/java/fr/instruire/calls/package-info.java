/**
 * Java that belongs to one call, one package per call — ideally none: a call is its files (docs/adding-a-call.md).
 * The platform never depends on these packages (ArchitectureTest); the README counts what each call still needs.
 */
package fr.instruire.calls;
