/**
 * A call as the platform reads it from its files: its descriptor ({@code calls/<call>.yaml}), its registration form,
 * its statuses, its facts and their labels. Immutable data, validated at start; no class of the platform names a call.
 */
package fr.instruire.call;
