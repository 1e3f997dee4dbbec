/**
 * The money after the award: each dossier's grant and its tranches — due, released with their evidence and who
 * approved them, paid — in the project's tables ({@code dossier_funding}, {@code payment_tranche}), the sum released
 * never above the grant nor the sum paid above the sum released, enforced by the database.
 */
package fr.instruire.payment;
