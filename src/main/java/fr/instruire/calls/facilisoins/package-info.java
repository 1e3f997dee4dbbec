/**
 * What only Facilisoins still does in Java: the national selection's agenda (places, balance of regions and publics),
 * the CTIS's opinions on the national proposal, the ministers' arrêté and its annex, the message to the selected
 * establishments; and its demonstration data. Candidates for the platform's selection and document capabilities.
 */
package fr.instruire.calls.facilisoins;
