-- What the finance officer recorded with a payment: the reference of the payment order (mandat, virement), so that
-- a tranche's row says what paid it as well as who.
ALTER TABLE payment_tranche ADD COLUMN payment_reference VARCHAR(200);
