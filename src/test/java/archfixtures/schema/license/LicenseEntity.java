package archfixtures.schema.license;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Violates "entities of module M map only to schema M". */
@Entity
@Table(schema = "auth", name = "licenses")
public class LicenseEntity {
    @Id
    String id;
}
