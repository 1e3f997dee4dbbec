/** ESMS numérique needs no Java of its own: only its demonstration data lives here. */
package fr.instruire.calls.esmsnumerique;
