package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    static final String TOKEN = AccessTokens.newToken();

    @Test
    void theSameKeyAndBodyOpenTheSealedToken() {
        var sealed = IdempotencyKey.of("campagne", "cle-1", "hash-a").seal(TOKEN, "ESMS-2026-0001");
        assertThat(sealed).doesNotContain(TOKEN);
        assertThat(IdempotencyKey.of("campagne", "cle-1", "hash-a").unseal(sealed, "ESMS-2026-0001")).hasValue(TOKEN);
    }

    @Test
    void anotherKeyBodyCampaignOrDossierDoesNotOpenIt() {
        var sealed = IdempotencyKey.of("campagne", "cle-1", "hash-a").seal(TOKEN, "ESMS-2026-0001");
        assertThat(IdempotencyKey.of("campagne", "cle-2", "hash-a").unseal(sealed, "ESMS-2026-0001")).isEmpty();
        assertThat(IdempotencyKey.of("campagne", "cle-1", "hash-b").unseal(sealed, "ESMS-2026-0001")).isEmpty();
        assertThat(IdempotencyKey.of("autre", "cle-1", "hash-a").unseal(sealed, "ESMS-2026-0001")).isEmpty();
        assertThat(IdempotencyKey.of("campagne", "cle-1", "hash-a").unseal(sealed, "ESMS-2026-0002")).isEmpty();
        assertThat(IdempotencyKey.of("campagne", "cle-1", "hash-a").unseal("pas du base64 !", "ESMS-2026-0001")).isEmpty();
    }

    @Test
    void theLookupHashIsTheKeysWithinItsCampaignWhateverTheBody() {
        var key = IdempotencyKey.of("campagne", "cle-1", "hash-a");
        assertThat(key.lookupHash()).hasSize(64).doesNotContain("cle-1")
                .isEqualTo(IdempotencyKey.of("campagne", "cle-1", "hash-b").lookupHash())
                .isNotEqualTo(IdempotencyKey.of("autre", "cle-1", "hash-a").lookupHash())
                .isNotEqualTo(IdempotencyKey.of("campagne", "cle-2", "hash-a").lookupHash());
        assertThat(IdempotencyKey.of("campagne", null, "hash-a")).isNull();
    }
}
