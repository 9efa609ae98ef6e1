package org.biradsrepro;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.biradsrepro.backbone.ChannelPadding;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.NativeEngine;

/** The package map of docs/ARCHITECTURE.md, enforced: who may depend on whom. */
@AnalyzeClasses(packages = "org.biradsrepro", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("org.biradsrepro.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule metricsArePlainFunctions = classes()
            .that().resideInAnyPackage("..metrics..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..metrics..")
            .because("metrics are plain functions over arrays, testable against scikit-learn alone");

    /*
     * Statistics may also use Apache Commons Statistics: the t, normal, chi-square and beta distributions
     * are better taken from a well-kept library than rewritten. Still no model, data or report code.
     */
    @ArchTest
    static final ArchRule statsArePlainFunctions = classes()
            .that().resideInAnyPackage("..stats..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..stats..", "org.apache.commons.statistics..")
            .because("statistics are plain functions over arrays, testable against scipy alone");

    @ArchTest
    static final ArchRule theReportIsBuiltFromResultsFilesAlone = noClasses()
            .that().resideInAnyPackage("..report..", "..results..")
            .should().dependOnClassesThat().resideInAnyPackage("..train..", "..experiment..", "..backbone..", "..data..", "ai.djl..")
            .because("results from several machines must merge into one report without rerunning anything");

    @ArchTest
    static final ArchRule theReportReadsResultsAndJudgesThemOnly = classes()
            .that().resideInAPackage("..report..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.google.gson..", "..report..", "..results..",
                    "..context..", "..claims..", "..metrics..", "..stats..")
            .because("the page is a function of the results folder: the records, the run context they carry (the "
                    + "processor of a JMH file), the verdicts drawn from them, and plain math");

    @ArchTest
    static final ArchRule dataAndConfigKnowNothingOfModels = noClasses()
            .that().resideInAnyPackage("..data..", "..config..", "..phantom..")
            .should().dependOnClassesThat().resideInAnyPackage("..train..", "..backbone..", "..experiment..", "..report..", "..cli..", "ai.djl..");

    /*
     * Inside data: the dataset model (data itself) at the bottom; image, table and split each on the model alone;
     * layout, which reads a dataset, on the model, table and image. The top-level rule above sees data as one slice.
     */
    @ArchTest
    static final ArchRule dataPackagesFormNoCycles = slices().matching("org.biradsrepro.data.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDatasetModelKnowsNoReaderOrSplitter = noClasses()
            .that().resideInAPackage("org.biradsrepro.data")
            .should().dependOnClassesThat().resideInAnyPackage("..data.layout..", "..data.image..", "..data.table..", "..data.split..")
            .because("a Dataset is what the layouts produce and the splits consume, not how either works");

    @ArchTest
    static final ArchRule imagesKnowNoLayoutTableOrSplit = noClasses()
            .that().resideInAPackage("..data.image..")
            .should().dependOnClassesThat().resideInAnyPackage("..data.layout..", "..data.table..", "..data.split..");

    @ArchTest
    static final ArchRule tablesKnowNoLayoutImageOrSplit = noClasses()
            .that().resideInAPackage("..data.table..")
            .should().dependOnClassesThat().resideInAnyPackage("..data.layout..", "..data.image..", "..data.split..");

    @ArchTest
    static final ArchRule splitsKnowNoLayoutImageOrTable = noClasses()
            .that().resideInAPackage("..data.split..")
            .should().dependOnClassesThat().resideInAnyPackage("..data.layout..", "..data.image..", "..data.table..")
            .because("a split is drawn from a Dataset's labels and groups alone");

    @ArchTest
    static final ArchRule backbonesHoldNoTrainingCode = noClasses()
            .that().resideInAPackage("..backbone..")
            .should().dependOnClassesThat().resideInAnyPackage("..train..", "..experiment..", "..data..", "ai.djl.training.optimizer..");

    /*
     * Weight files are read and written for a backbone, with DJL and jhdf; the experiment decides which file, so
     * this package knows nothing of training, experiments, results or the report.
     */
    @ArchTest
    static final ArchRule weightsKnowOnlyBackbonesAndDjl = classes()
            .that().resideInAPackage("..weights..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..weights..", "..backbone..", "ai.djl..",
                    "io.jhdf..")
            .because("a weight file maps onto a backbone's blocks and nothing else");

    @ArchTest
    static final ArchRule pretrainingKnowsNothingOfEvaluation = noClasses()
            .that().resideInAPackage("..pretrain..")
            .should().dependOnClassesThat().resideInAnyPackage("..experiment..", "..results..", "..report..", "..claims..")
            .because("the fixture weights are made from the source task alone, before and apart from any target run");

    @ArchTest
    static final ArchRule progressKnowsNothingOfTheRun = classes()
            .that().resideInAPackage("..progress..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..progress..", "me.tongfei.progressbar..")
            .because("a display must not be able to change a result: it is told about stages and images, nothing else");

    @ArchTest
    static final ArchRule cachesKnowOnlyTheJdk = classes()
            .that().resideInAPackage("..cache..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..cache..")
            .because("the decode cache (data) and the feature cache (train) share it, so it sits below both");

    @ArchTest
    static final ArchRule theRunContextKnowsOnlyTheJdk = classes()
            .that().resideInAPackage("..context..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..context..")
            .because("results, the feature cache and the pretraining record all read the machine from it, so it "
                    + "sits below them all");

    @ArchTest
    static final ArchRule onlyTheCommandLineUsesEverything = noClasses()
            .that().resideOutsideOfPackage("..cli..")
            .should().dependOnClassesThat().resideInAPackage("..cli..");

    /*
     * The experiment's stages (docs/ARCHITECTURE.md): each reads alone and meets the others in the facade,
     * Experiment, which wires them. Its Run record is the value a cell gives, and may be shared.
     */
    @ArchTest
    static final ArchRule theStagesKnowNotTheFacade = noClasses()
            .that().resideInAPackage("org.biradsrepro.experiment").and().haveNameNotMatching(".*\\.Experiment(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.biradsrepro.experiment.Experiment")
            .because("a stage is read, tested and changed without the session around it");

    @ArchTest
    static final ArchRule theDatasetIsCheckedApartFromTheModels = noClasses()
            .that().haveNameMatching("org\\.biradsrepro\\.experiment\\.CheckedDataset.*")
            .should().dependOnClassesThat().haveNameMatching("org\\.biradsrepro\\.experiment\\.(SessionPlan|SessionResults"
                    + "|RunResults|FrozenFeatures|CachedFeatures|EndToEndFeatures|FeatureKeys|CheckedFeaturePass|CellTrainer"
                    + "|PairingStrategy|ControlRuns)\\b.*")
            .orShould().dependOnClassesThat().resideInAnyPackage("..backbone..", "..weights..")
            .because("which images are used and how they split must not depend on the network that trains on them");

    @ArchTest
    static final ArchRule trainingSeesFrozenFeaturesThroughTheirInterface = noClasses()
            .that().haveNameMatching("org\\.biradsrepro\\.experiment\\.(CellTrainer|PairingStrategy|ControlRuns)\\b.*")
            .should().dependOnClassesThat().haveNameMatching("org\\.biradsrepro\\.experiment\\.(CachedFeatures"
                    + "|EndToEndFeatures|FeatureKeys|CheckedFeaturePass)\\b.*")
            .because("cached or end to end, a run trains the same way: a new way to feed it is one FrozenFeatures class");

    @ArchTest
    static final ArchRule oneClassAssemblesTheFeatureKey = noClasses()
            .that().doNotHaveFullyQualifiedName("org.biradsrepro.experiment.FeatureKeys").and().resideOutsideOfPackage("..train..")
            .should().callConstructorWhere(target(owner(assignableTo(FeatureCache.Key.class))))
            .because("what invalidates a cached feature is read, and changed, in one place");

    @ArchTest
    static final ArchRule thePageDoesNotWriteTheGate = noClasses()
            .that().resideInAPackage("..report..")
            .should().callMethodWhere(target(owner(assignableTo(ClaimsFile.class))).and(target(name("write"))))
            .because("claims.json, which CI gates on, is the claims step's: a change to the page cannot change the gate");

    @ArchTest
    static final ArchRule onlyTheCommandLineWritesToTheConsole = noClasses()
            .that().resideOutsideOfPackage("org.biradsrepro.cli")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("below the command line a person is told things through progress.Console alone, which the "
                    + "command line points where it wants and a test records");

    /*
     * Experiment.startEngine turns repro.threads into the engine; FixtureWeights.startEngine starts the
     * pretraining's fixed count. Anything else takes the NativeEngine.State it is handed.
     */
    @ArchTest
    static final ArchRule theEngineIsStartedByTheOwnersOfTheThreadCount = noClasses()
            .that().doNotHaveFullyQualifiedName("org.biradsrepro.experiment.Experiment")
            .and().doNotHaveFullyQualifiedName("org.biradsrepro.pretrain.FixtureWeights")
            .should().callMethodWhere(target(owner(assignableTo(NativeEngine.class))).and(target(name("start"))))
            .because("libtorch fixes its thread count when it loads: whoever starts it first decides a number results "
                    + "depend on, so that decision is made in one place per command and passed on as a value");

    @ArchTest
    static final ArchRule onlyTheEngineZeroesThePaddedConvolutions = noClasses()
            .that().doNotHaveFullyQualifiedName("org.biradsrepro.train.NativeEngine")
            .should().callMethodWhere(target(owner(assignableTo(ChannelPadding.class))).and(target(name("around"))))
            .because("the allocator's switches are process-wide: one class turns them, around one pass at a time, and "
                    + "puts them back");
}
