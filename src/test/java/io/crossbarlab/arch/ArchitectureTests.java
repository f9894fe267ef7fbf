package io.crossbarlab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.crossbarlab.sim.nn.EpochReport;
import io.crossbarlab.sim.nn.InferencePoint;
import io.crossbarlab.sim.tile.EventCounters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries of ARCHITECTURE.md, checked. */
class ArchitectureTests {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crossbarlab");
    }

    @Test
    void simulatorImportsNoFrameworkOrLogging() {
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "javax..",
                        "com.fasterxml..",
                        "tools.jackson..",
                        "org.slf4j..",
                        "org.apache.logging..",
                        "java.util.logging..",
                        "io.crossbarlab.app..")
                .check(classes);
    }

    /**
     * The simulator is plain Java: besides the JDK it may use only OpenAPI annotations, metadata it
     * never reads, on the records the API publishes as they are: the one unresolved spec
     * ({@code SimulationSpec}), an epoch's metrics, an inference point, the event counters and the
     * estimate.
     */
    @Test
    void simulatorDependsOnTheJdkAndOnlyAnnotatesItsSpec() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.crossbarlab.sim..", "io.swagger.v3.oas.annotations..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .and()
                .haveNameNotMatching("io\\.crossbarlab\\.sim\\.nn\\.SimulationSpec(\\$.*)?")
                .and()
                .doNotHaveFullyQualifiedName(EpochReport.class.getName())
                .and()
                .doNotHaveFullyQualifiedName(InferencePoint.class.getName())
                .and()
                .doNotHaveFullyQualifiedName(EventCounters.Snapshot.class.getName())
                .and()
                .haveNameNotMatching("io\\.crossbarlab\\.sim\\.estimate\\.Estimate(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.swagger..")
                .check(classes);
    }

    /**
     * Device models know their physics, not the preset catalogue: the typed parameter records are
     * built from catalogue values in {@code sim.cell.DeviceConfig}. (Spec validation errors, {@code
     * InvalidSpecException}, are the one type of {@code sim.preset} they may name.)
     */
    @Test
    void deviceModelsDoNotDependOnThePresetCatalogue() {
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim.device..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                                "io.crossbarlab.sim.preset..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(
                                        ".*\\.InvalidSpecException(\\$.*)?"))))
                .check(classes);
    }

    @Test
    void simulatorUsesNoGlobalRandomness() {
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .should()
                .callMethod(Math.class, "random")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .check(classes);
    }

    @Test
    void simulatorTakesLogarithmsFromItsOwnDeterministicLn() {
        // Math.log may differ by an ulp between JVMs; random draws through it would too
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .and()
                .doNotHaveFullyQualifiedName("io.crossbarlab.sim.random.Ln")
                .should()
                .callMethod(Math.class, "log", double.class)
                .orShould()
                .callMethod(Math.class, "log1p", double.class)
                .orShould()
                .callMethod(StrictMath.class, "log", double.class)
                .check(classes);
    }

    @Test
    void simulatorTakesExponentialsAndPowersFromItsOwnDeterministicExp() {
        // the x86-64 intrinsics of Math.exp and Math.pow differ from fdlibm in about one case in ten
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .should()
                .callMethod(Math.class, "exp", double.class)
                .orShould()
                .callMethod(Math.class, "expm1", double.class)
                .orShould()
                .callMethod(Math.class, "pow", double.class, double.class)
                .orShould()
                .callMethod(Math.class, "tanh", double.class)
                .orShould()
                .callMethod(Math.class, "sinh", double.class)
                .orShould()
                .callMethod(Math.class, "cosh", double.class)
                .orShould()
                .callMethod(Math.class, "log10", double.class)
                .check(classes);
    }

    @Test
    void simulatorDoesNoFileOrNetworkIo() {
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.net..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.FileInputStream")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheScheduler() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.crossbarlab.app.scheduler..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.crossbarlab.app.scheduler..")
                .check(classes);
    }

    /**
     * An interrupt that lands in a file read or write of the embedded H2 database closes its file
     * channel (ClosedByInterruptException), and H2 then closes the whole database for every thread of
     * the node. So the service stops its threads by flags and {@code shutdown()}, never by interrupting
     * them; restoring one's own flag ({@code Thread.currentThread().interrupt()}) is allowed.
     */
    @Test
    void serviceNeverInterruptsAThreadThatMayBeInsideTheDatabase() {
        noClasses()
                .that()
                .resideInAPackage("io.crossbarlab.app..")
                .should()
                .callMethodWhere(
                        new DescribedPredicate<JavaMethodCall>("shutdownNow() or interrupt() of another thread") {
                            @Override
                            public boolean test(JavaMethodCall call) {
                                String name = call.getTarget().getName();
                                if (name.equals("shutdownNow")) {
                                    return true;
                                }
                                if (!name.equals("interrupt")
                                        || !call.getTargetOwner().isAssignableTo(Thread.class)) {
                                    return false;
                                }
                                return call.getOrigin().getMethodCallsFromSelf().stream()
                                        .noneMatch(c -> c.getLineNumber() == call.getLineNumber()
                                                && c.getTarget().getName().equals("currentThread"));
                            }
                        })
                .because("an interrupt inside an H2 file operation closes the embedded database")
                .check(classes);
    }

    @Test
    void controllersNeverReturnEntities() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should()
                .haveRawReturnType(com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith(
                        jakarta.persistence.Entity.class))
                .because("controllers return response records, converted by hand")
                .check(classes);
    }

    /** Packages depend on each other in one direction only (ARCHITECTURE.md's map, read top down). */
    @Test
    void packagesAreFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("io.crossbarlab.(*).(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
