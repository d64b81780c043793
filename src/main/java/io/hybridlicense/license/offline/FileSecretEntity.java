package io.hybridlicense.license.offline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A license's file secret, sealed ({@link FileSecrets}). */
@Entity
@Table(schema = "license", name = "file_secrets")
class FileSecretEntity extends PanacheEntityBase {

    @Id
    @Column(name = "license_id")
    UUID licenseId;
    @Column(nullable = false)
    byte[] sealed;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
