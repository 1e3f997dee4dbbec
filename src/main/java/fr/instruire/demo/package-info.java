/**
 * Demo data for the embedded run (profile {@code demo}, the default): accounts whose password is their name, an
 * open campaign of each implemented call, and dossiers at different stages — created through the same services
 * and tasks as real ones.
 */
package fr.instruire.demo;
