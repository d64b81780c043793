package io.hybridlicense.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseStatusChange;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The batch's bound holds for every caller of the facade, not only for the REST resource's. */
@QuarkusTest
class BatchSizeTest {

    @Inject
    LicenseApi licenses;

    @Test
    void aBatchOfMoreThan1000_isRefusedBeforeAnyRowIsLocked_andAnEmptyOneToo() {
        List<LicenseStatusChange> changes = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            changes.add(new LicenseStatusChange(UUID.randomUUID(), LicenseStatus.SUSPENDED, null));
        }

        assertThatThrownBy(() -> licenses.changeStatuses(changes, UUID.randomUUID()))
                .isInstanceOfSatisfying(ProblemException.class, refused -> 
                        assertThat(refused.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> licenses.changeStatuses(List.of(), UUID.randomUUID()))
                .isInstanceOfSatisfying(ProblemException.class, refused -> 
                        assertThat(refused.problem().status()).isEqualTo(400));
    }
}
