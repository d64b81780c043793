package io.hybridlicense.console;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Typed;

/** {@link ConsoleBrowserTest} again, with a browser that prefers Japanese: the same steps, in Japanese words. */
@QuarkusTest
@Typed(ConsoleBrowserJaTest.class) // not also a bean of its English parent's type, which Quarkus looks up to make that test
class ConsoleBrowserJaTest extends ConsoleBrowserTest {

    @Override
    protected String language() {
        return "ja";
    }
}
