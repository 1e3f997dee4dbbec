package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    static final String TOKEN = AccessTokens.newToken();
    static final String SECRET = "secret-du-serveur-pour-les-tests-2026";

    @Test
    void theSameKeyAndBodyOpenTheSealedToken() {
        var sealed = IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a").seal(TOKEN, "ESMS-2026-0001");
        assertThat(sealed).doesNotContain(TOKEN);
        assertThat(IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a").unseal(sealed, "ESMS-2026-0001")).hasValue(TOKEN);
    }

    @Test
    void anotherKeyBodyCampaignOrDossierDoesNotOpenIt() {
        var sealed = IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a").seal(TOKEN, "ESMS-2026-0001");
        assertThat(IdempotencyKey.of(SECRET, "campagne", "cle-2", "hash-a").unseal(sealed, "ESMS-2026-0001")).isEmpty();
        assertThat(IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-b").unseal(sealed, "ESMS-2026-0001")).isEmpty();
        assertThat(IdempotencyKey.of(SECRET, "autre", "cle-1", "hash-a").unseal(sealed, "ESMS-2026-0001")).isEmpty();
        assertThat(IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a").unseal(sealed, "ESMS-2026-0002")).isEmpty();
        assertThat(IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a").unseal("pas du base64 !", "ESMS-2026-0001")).isEmpty();
    }

    @Test
    void theLookupHashIsTheKeysWithinItsCampaignWhateverTheBody() {
        var key = IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a");
        assertThat(key.lookupHash()).hasSize(64).doesNotContain("cle-1")
                .isEqualTo(IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-b").lookupHash())
                .isNotEqualTo(IdempotencyKey.of(SECRET, "autre", "cle-1", "hash-a").lookupHash())
                .isNotEqualTo(IdempotencyKey.of(SECRET, "campagne", "cle-2", "hash-a").lookupHash());
        assertThat(IdempotencyKey.of(SECRET, "campagne", null, "hash-a")).isNull();
    }

    @Test
    void theLookupDependsOnTheServersSecretAndAnAnswerStoredBefore11IsFoundByItsOldDerivation() {
        var key = IdempotencyKey.of(SECRET, "campagne", "cle-1", "hash-a");
        assertThat(key.lookupHash()).isNotEqualTo(IdempotencyKey.of("un-autre-secret-du-serveur-2026", "campagne", "cle-1", "hash-a").lookupHash());
        var before = key.storedBefore11();
        assertThat(before.derivation()).isEqualTo(IdempotencyKey.Derivation.PBKDF2);
        assertThat(before.lookupHash()).isNotEqualTo(key.lookupHash())
                .isEqualTo(IdempotencyKey.of("autre-secret-encore-different-2026", "campagne", "cle-1", "hash-a").storedBefore11().lookupHash());
        var sealed = before.seal(TOKEN, "ESMS-2026-0001");
        assertThat(key.storedBefore11().unseal(sealed, "ESMS-2026-0001")).hasValue(TOKEN);
        assertThat(key.unseal(sealed, "ESMS-2026-0001")).isEmpty();
    }
}
