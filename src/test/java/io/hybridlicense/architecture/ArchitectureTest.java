package io.hybridlicense.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module boundaries of the house style. Every rule is checked against the product, and against a
 * fixture under {@code archfixtures} that breaks it on purpose, so a rule that silently stopped
 * matching anything would fail here.
 */
class ArchitectureTest {

    private static final String ROOT = "io.hybridlicense";
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("internaluse", ModuleRules::onlyApisAreUsedAcrossModules),
                rule("direction", ModuleRules::modulesDependOnlyInAllowedDirections),
                rule("consoledirection", ModuleRules::modulesDependOnlyInAllowedDirections),
                rule("adminfeatures", ModuleRules::adminFeaturesDependOneWay),
                rule("authfeatures", ModuleRules::authRootUsesNoApiKeys),
                rule("consolepages", ModuleRules::consolePagesTouchNoDatabase),
                rule("cycle", ModuleRules::modulesAreFreeOfCycles),
                rule("platform", ModuleRules::nothingDependsOnPlatform),
                rule("apiinternal", ModuleRules::apisDependOnNothingInternal),
                rule("domain", ModuleRules::domainIsFrameworkFree),
                rule("schema", ModuleRules::entitiesMapToTheirModulesSchema),
                rule("external", ModuleRules::onlySchemasyncConnectsToExternalDatabases),
                rule("syncdomain", ModuleRules::schemasyncDomainUsesNothingElseOfTheModule),
                rule("synctarget", ModuleRules::schemasyncTargetUsesOnlyTheDomain),
                rule("licensefeatures", ModuleRules::licenseFeaturesUseNoOtherFeature),
                rule("licenseshared", ModuleRules::licenseSharedPiecesUseNoFeature),
                rule("licensesharedpolicy", ModuleRules::licenseSharedPiecesUseNoFeature),
                rule("licensevalidation", ModuleRules::licenseValidationStaysOffJpa),
                rule("webhooksdirection", ModuleRules::modulesDependOnlyInAllowedDirections),
                rule("webhooksfeatures", ModuleRules::webhooksEndpointsKnowNoDelivery));
    }

    @ParameterizedTest(name = "{0}: the product follows it")
    @MethodSource("rules")
    void productFollowsRule(String fixture, Function<ModuleRules, ArchRule> rule) {
        rule.apply(new ModuleRules(ROOT)).check(product);
    }

    @ParameterizedTest(name = "{0}: a deliberate violation fails it")
    @MethodSource("rules")
    void ruleCatchesDeliberateViolation(String fixture, Function<ModuleRules, ArchRule> rule) {
        String fixtureRoot = "archfixtures." + fixture;
        JavaClasses violating = new ClassFileImporter().importPackages(fixtureRoot);
        assertThatThrownBy(() -> rule.apply(new ModuleRules(fixtureRoot)).check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(fixtureRoot);
    }

    private static Arguments rule(String fixture, Function<ModuleRules, ArchRule> rule) {
        return Arguments.of(fixture, rule);
    }
}
