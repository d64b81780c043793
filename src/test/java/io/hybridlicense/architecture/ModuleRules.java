package io.hybridlicense.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The module rules of the house style, for any root package, so that the same rules run against the
 * product and against fixtures that break them on purpose.
 */
final class ModuleRules {

    static final List<String> MODULES = List.of("auth", "license", "admin", "schemasync", "console", "webhooks");

    /**
     * Which modules each module may use (through their {@code api}). The console is the web shell: the
     * modules' console pages use it; it uses only what its own pages need (sign-in, a user's licenses).
     */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "auth", Set.of(),
            "license", Set.of("auth"),
            "schemasync", Set.of("auth", "console"),
            "console", Set.of("auth", "license"),
            "webhooks", Set.of("auth", "license", "schemasync", "console"),
            "admin", Set.of("auth", "license", "schemasync", "console", "webhooks"));

    /** Drivers and DSLs that open or drive connections to users' external databases. */
    static final String[] EXTERNAL_DATABASE_LIBRARIES = {"org.jooq..", "org.mariadb..", "com.mysql..", "org.sqlite..", "org.postgresql.."};

    private final String root;

    ModuleRules(String root) {
        this.root = root;
    }

    /** Outside module M, only {@code M.api} is used. */
    ArchRule onlyApisAreUsedAcrossModules() {
        return CompositeArchRule.of(MODULES.stream().map(module -> noClasses()
                .that().resideOutsideOfPackage(pkg(module))
                .should().dependOnClassesThat(resideInAPackage(pkg(module)).and(not(resideInAPackage(api(module)))))
                .as("code outside " + module + " uses only " + module + ".api")
                .allowEmptyShould(true)).toList());
    }

    /** Modules depend only in the allowed directions; in particular no module depends on admin. */
    ArchRule modulesDependOnlyInAllowedDirections() {
        return CompositeArchRule.of(MODULES.stream().map(module -> {
            String[] forbidden = MODULES.stream()
                    .filter(other -> !other.equals(module) && !ALLOWED.get(module).contains(other))
                    .map(this::pkg)
                    .toArray(String[]::new);
            return noClasses().that().resideInAPackage(pkg(module))
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .as(module + " uses only " + ALLOWED.get(module))
                    .allowEmptyShould(true);
        }).toList());
    }

    ArchRule modulesAreFreeOfCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /** Modules and the shared kernel never reach into the application wiring. */
    ArchRule nothingDependsOnPlatform() {
        return noClasses().that().resideInAnyPackage(MODULES.stream().map(this::pkg).toArray(String[]::new))
                .or().resideInAPackage(pkg("shared"))
                .should().dependOnClassesThat().resideInAPackage(pkg("platform"))
                .allowEmptyShould(true);
    }

    /** A module's api depends on nothing internal to its module. */
    ArchRule apisDependOnNothingInternal() {
        return CompositeArchRule.of(MODULES.stream().map(module -> noClasses()
                .that().resideInAPackage(api(module))
                .should().dependOnClassesThat(resideInAPackage(pkg(module)).and(not(resideInAPackage(api(module)))))
                .as(module + ".api depends on nothing internal to " + module)
                .allowEmptyShould(true)).toList());
    }

    /** Domain code is plain Java: no Quarkus, JPA, JAX-RS or CDI. */
    ArchRule domainIsFrameworkFree() {
        return noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta.persistence..", "jakarta.ws.rs..", "jakarta.enterprise..", "io.vertx..")
                .allowEmptyShould(true);
    }

    /** schemasync's aggregate is pure: its {@code domain} uses nothing else of the module. */
    ArchRule schemasyncDomainUsesNothingElseOfTheModule() {
        return withinSchemasync("domain", "domain");
    }

    /**
     * schemasync's {@code target} (connections, DDL, catalogue of users' databases) knows the domain it
     * renders and nothing else of the module: no event store, outbox, data source records or REST.
     */
    ArchRule schemasyncTargetUsesOnlyTheDomain() {
        return withinSchemasync("target", "target", "domain");
    }

    private ArchRule withinSchemasync(String layer, String... allowed) {
        String module = root + ".schemasync";
        String[] allowedPackages = java.util.Arrays.stream(allowed).map(p -> module + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(module + "." + layer + "..")
                .should().dependOnClassesThat(resideInAPackage(module + "..").and(not(resideInAnyPackage(allowedPackages))))
                .as("schemasync." + layer + " uses only " + String.join(", ", allowed) + " of schemasync")
                .allowEmptyShould(true);
    }

    /** license's features, one folder each; {@code lifecycle} holds the module's doors. */
    static final List<String> LICENSE_FEATURES = List.of("activation", "validation", "lifecycle", "subscription", "offline", "heartbeat");

    /**
     * What a feature declares for one other feature to use, besides {@code lifecycle}'s hand-overs:
     * activation issues a license's file secret (offline's table) in its own transaction, so the secret
     * exists exactly when the license does.
     */
    static final Map<String, Set<String>> LICENSE_FEATURE_ENTRIES = Map.of(
            "activation", Set.of("offline.FileSecrets"));

    /**
     * license's features do not use each other: only {@code lifecycle}, which holds the module's doors
     * ({@code LicenseFacade}, {@code /api/v1/licenses}), hands over to the others, through what they
     * declare public, and a feature may use the few entries {@link #LICENSE_FEATURE_ENTRIES} names. What
     * several features share lives in {@code store}, the root or {@code domain}.
     */
    ArchRule licenseFeaturesUseNoOtherFeature() {
        String module = root + ".license";
        return CompositeArchRule.of(LICENSE_FEATURES.stream().filter(feature -> !feature.equals("lifecycle")).map(feature -> {
            String[] others = LICENSE_FEATURES.stream().filter(other -> !other.equals(feature))
                    .map(other -> module + "." + other + "..").toArray(String[]::new);
            Set<String> entries = LICENSE_FEATURE_ENTRIES.getOrDefault(feature, Set.of()).stream()
                    .map(entry -> module + "." + entry).collect(Collectors.toSet());
            return noClasses().that().resideInAPackage(module + "." + feature + "..")
                    .should().dependOnClassesThat(resideInAnyPackage(others).and(
                            DescribedPredicate.describe("no declared entry", (JavaClass target) -> !entries.contains(target.getName()))))
                    .as("license." + feature + " uses no other feature of license")
                    .allowEmptyShould(true);
        }).toList());
    }

    /**
     * license's shared pieces ({@code store}, {@code policy}: the terms every feature applies, the root) are
     * below the features: they use none.
     */
    ArchRule licenseSharedPiecesUseNoFeature() {
        String module = root + ".license";
        String[] features = LICENSE_FEATURES.stream().map(feature -> module + "." + feature + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(module + ".store..").or().resideInAPackage(module + ".policy..")
                .or().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .as("license.store, license.policy and the root of license use no feature of license")
                .allowEmptyShould(true);
    }

    /**
     * license's validation runs on the event loop (ADR 0005): it reads and writes its rows with its own
     * SQL, never through JPA or the entities of {@code store}, whose calls block.
     */
    ArchRule licenseValidationStaysOffJpa() {
        return noClasses().that().resideInAPackage(root + ".license.validation..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.persistence..", "org.hibernate..", "io.quarkus.hibernate..", root + ".license.store..")
                .as("license.validation uses no JPA and no entity of license.store")
                .allowEmptyShould(true);
    }

    /**
     * Inside webhooks, {@code endpoint} (endpoints, their secrets and addresses) is below {@code delivery}
     * (the outbox, the worker, the deliveries' API): deliveries use endpoints, never the other way round.
     */
    ArchRule webhooksEndpointsKnowNoDelivery() {
        return noClasses().that().resideInAPackage(root + ".webhooks.endpoint..")
                .should().dependOnClassesThat().resideInAPackage(root + ".webhooks.delivery..")
                .as("webhooks.endpoint uses nothing of webhooks.delivery").allowEmptyShould(true);
    }

    /**
     * Inside admin, the console's pages use the audit log and the reports, never the other way round, and
     * the reports (generic lists over the other modules' reporting views) do not use the audit log, whose
     * API uses their pages, cursors and CSV. Neither knows any console.
     */
    ArchRule adminFeaturesDependOneWay() {
        String admin = root + ".admin";
        String[] console = {admin + ".console..", pkg("console")};
        return CompositeArchRule.of(List.of(
                noClasses().that().resideInAnyPackage(admin + ".audit..", admin + ".reporting..")
                        .should().dependOnClassesThat().resideInAnyPackage(console)
                        .as("admin.audit and admin.reporting know no console").allowEmptyShould(true),
                noClasses().that().resideInAPackage(admin + ".reporting..")
                        .should().dependOnClassesThat().resideInAPackage(admin + ".audit..")
                        .as("admin.reporting does not use admin.audit").allowEmptyShould(true)));
    }

    /**
     * auth's API keys ({@code auth.apikey}) build on auth's root (rate limits, configuration) and its
     * {@code api}; the root never uses them, so the keys stay one feature that can be read, and removed,
     * on its own.
     */
    ArchRule authRootUsesNoApiKeys() {
        String auth = root + ".auth";
        return noClasses().that().resideInAPackage(auth)
                .should().dependOnClassesThat().resideInAPackage(auth + ".apikey..")
                .as("auth's root does not use auth.apikey").allowEmptyShould(true);
    }

    /**
     * Console pages — the console module, every module's {@code console} package and its
     * {@code *ConsoleResource}s — reach data only through the modules' use cases, queries and {@code api}:
     * no SQL, JDBC or JPA of their own.
     */
    ArchRule consolePagesTouchNoDatabase() {
        return noClasses().that().resideInAnyPackage(pkg("console"), root + ".*.console..")
                .or().haveSimpleNameEndingWith("ConsoleResource").and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..",
                        "io.quarkus.hibernate..", "io.quarkus.agroal..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(root + ".shared.Jdbc")
                .as("console pages touch no database").allowEmptyShould(true);
    }

    /** Entities of module M map only to the PostgreSQL schema M. */
    ArchRule entitiesMapToTheirModulesSchema() {
        return classes().that().areAnnotatedWith(Entity.class).and().resideInAPackage(root + "..")
                .should(mapToTheSchemaOfTheirModule())
                .allowEmptyShould(true);
    }

    /**
     * Only schemasync opens connections to users' external databases. (The embedded default's backups copy
     * the core database through pgjdbc's COPY API: the one other user of a driver, and of our own database.)
     */
    ArchRule onlySchemasyncConnectsToExternalDatabases() {
        return noClasses().that().resideInAPackage(root + "..")
                .and(not(resideInAPackage(pkg("schemasync"))))
                .and(not(resideInAPackage(root + ".platform.backup..")))
                .and(not(resideInAPackage(root + ".platform.notices.."))) // LISTEN on the core database
                .should().dependOnClassesThat(JavaClass.Predicates.belongToAnyOf(java.sql.DriverManager.class)
                        .or(resideInAnyPackage(EXTERNAL_DATABASE_LIBRARIES)))
                .allowEmptyShould(true);
    }

    private ArchCondition<JavaClass> mapToTheSchemaOfTheirModule() {
        return new ArchCondition<>("map to the schema of their module") {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                String module = moduleOf(entity);
                String schema = entity.tryGetAnnotationOfType(Table.class).map(Table::schema).orElse("");
                if (!schema.equals(module)) {
                    events.add(SimpleConditionEvent.violated(entity, entity.getName()
                            + " is in module '" + module + "' but maps to schema '" + schema + "'"));
                }
            }
        };
    }

    private String moduleOf(JavaClass type) {
        String rest = type.getPackageName().substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private String pkg(String module) {
        return root + "." + module + "..";
    }

    private String api(String module) {
        return root + "." + module + ".api..";
    }
}
