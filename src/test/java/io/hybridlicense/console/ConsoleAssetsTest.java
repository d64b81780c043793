package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the console's assets travel: versioned WebJar URLs cached for good, the rest revalidated, text compressed. */
@QuarkusTest
class ConsoleAssetsTest {

    @Test
    void theVersionsLinked_areThoseOfTheWebJarsOnTheClasspath() throws IOException {
        assertThat(ConsoleAssets.HTMX_VERSION).as("update ConsoleAssets with the pom's htmx.version")
                .isEqualTo(webJarVersion("htmx.org"));
        assertThat(ConsoleAssets.CHART_JS_VERSION).as("update ConsoleAssets with the pom's chartjs.version")
                .isEqualTo(webJarVersion("chart.js"));
        assertThat(given().get("/console/sign-in").asString()).contains("<script src=\"" + ConsoleAssets.htmx() + "\"");
    }

    @Test
    void versionedWebJars_areCachedForAYear_everythingElseIsRevalidated() {
        for (String versioned : new String[] {ConsoleAssets.htmx(), ConsoleAssets.chartJs()}) {
            given().get(versioned).then().statusCode(200).header("Cache-Control", equalTo(AssetCaching.IMMUTABLE));
        }
        for (String unversioned : new String[] {"/webjars/htmx.org/dist/htmx.min.js", "/assets/console.js",
                "/assets/console.css", "/assets/dashboard.js"}) {
            Response first = given().get(unversioned);
            first.then().statusCode(200).header("Cache-Control", equalTo(AssetCaching.REVALIDATE));
            String lastModified = first.header("Last-Modified");
            assertThat(lastModified).as(unversioned).isNotNull();
            given().header("If-Modified-Since", lastModified).get(unversioned).then().statusCode(304);
        }
        given().get("/webjars/nothing-here/1.0.0/x.js").then().statusCode(404)
                .header("Cache-Control", org.hamcrest.Matchers.not(containsString("immutable")));
    }

    @Test
    void scriptsAndStyles_areCompressed_pagesAreNot() {
        for (String asset : new String[] {ConsoleAssets.htmx(), ConsoleAssets.chartJs(), "/assets/console.js",
                "/assets/console.css"}) {
            raw().get(asset).then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        }
        // no secret (the page's CSRF token) is compressed together with text an attacker chooses (BREACH)
        raw().get("/console/sign-in").then().statusCode(200).header("Content-Encoding", nullValue());
    }

    private static RequestSpecification raw() {
        return given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip");
    }

    private static String webJarVersion(String name) throws IOException {
        try (InputStream in = ConsoleAssetsTest.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
