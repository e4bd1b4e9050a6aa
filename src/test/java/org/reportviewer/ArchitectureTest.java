package org.reportviewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of README's Design section, enforced on the main classes: {@code app} (wiring) →
 * {@code ui} (views, view-models) → {@code client} / {@code document} → proto, {@code server} beside
 * {@code client}, {@code format} under everything; no package cycles; transport stays out of the UI.
 */
@AnalyzeClasses(packages = "org.reportviewer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersOnlyPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy("org.reportviewer")
            .layer("App").definedBy("org.reportviewer.app..")
            .layer("Cli").definedBy("org.reportviewer.cli..")
            .layer("Ui").definedBy("org.reportviewer.ui..")
            .layer("Client").definedBy("org.reportviewer.client..")
            .layer("Document").definedBy("org.reportviewer.document..")
            .layer("Server").definedBy("org.reportviewer.server..")
            .layer("Proto").definedBy("org.reportviewer.proto..")
            .layer("Format").definedBy("org.reportviewer.format..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("App").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Client").mayOnlyBeAccessedByLayers("App", "Cli", "Ui")
            .whereLayer("Document").mayOnlyBeAccessedByLayers("App", "Ui")
            .whereLayer("Server").mayOnlyBeAccessedByLayers("App", "Cli")
            .whereLayer("Proto").mayOnlyBeAccessedByLayers("Client", "Server", "Document")
            .whereLayer("Format").mayOnlyBeAccessedByLayers("Entry", "App", "Cli", "Ui", "Client", "Document", "Server");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.reportviewer.(*)..").should().beFreeOfCycles();

    /** The UI shows gRPC status codes; channels, stubs, metadata and the rest stay in client. */
    @ArchTest
    static final ArchRule noTransportInTheUi = noClasses().that().resideInAPackage("org.reportviewer.ui..")
            .should().dependOnClassesThat(grpcBeyondStatus());

    @ArchTest
    static final ArchRule documentAndClientHaveNoJavaFx = noClasses().that()
            .resideInAnyPackage("org.reportviewer.document..", "org.reportviewer.client..",
                    "org.reportviewer.server..", "org.reportviewer.format..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..");

    @ArchTest
    static final ArchRule documentHasNoTransport = noClasses().that().resideInAPackage("org.reportviewer.document..")
            .should().dependOnClassesThat().resideInAPackage("io.grpc..");

    private static DescribedPredicate<JavaClass> grpcBeyondStatus() {
        return DescribedPredicate.describe("io.grpc classes other than Status and Status.Code",
                c -> c.getPackageName().startsWith("io.grpc") && !c.getName().equals("io.grpc.Status")
                        && !c.getName().equals("io.grpc.Status$Code"));
    }
}
