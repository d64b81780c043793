package io.hybridlicense.auth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final UUID me = UUID.randomUUID();
    private final UUID someoneElse = UUID.randomUUID();

    @Test
    void aUser_seesOnlyWhatTheyOwn_byIdOrByItsText() {
        Caller user = new Caller(me, false);

        assertThat(user.canSee(me)).isTrue();
        assertThat(user.canSee(me.toString())).isTrue();
        assertThat(user.canSee(someoneElse)).isFalse();
        assertThat(user.canSee(someoneElse.toString())).isFalse();
        assertThat(user.canSee((UUID) null)).isFalse();
        assertThat(user.canSee((String) null)).isFalse();
    }

    @Test
    void anAdmin_seesEveryonesData() {
        Caller admin = new Caller(me, true);

        assertThat(admin.canSee(someoneElse)).isTrue();
        assertThat(admin.canSee(someoneElse.toString())).isTrue();
    }
}
