package io.hybridlicense.license;

import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.api.SubscriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class LicenseFacade implements LicenseApi {

    private final Subscriptions subscriptions;

    LicenseFacade(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LicenseView> findLicense(UUID licenseId) {
        return LicenseEntity.<LicenseEntity>findByIdOptional(licenseId).map(LicenseEntity::toView);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LicenseView> licensesOf(UUID userId) {
        return LicenseEntity.listOf(userId).stream().map(LicenseEntity::toView).toList();
    }

    @Override
    public Optional<SubscriptionView> subscriptionOf(UUID userId) {
        return subscriptions.find(userId);
    }
}
