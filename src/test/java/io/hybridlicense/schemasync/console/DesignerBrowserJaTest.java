package io.hybridlicense.schemasync.console;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Typed;

/** {@link DesignerBrowserTest} again, with a browser that prefers Japanese: the same steps, in Japanese words. */
@QuarkusTest
@Typed(DesignerBrowserJaTest.class) // not also a bean of its English parent's type, which Quarkus looks up to make that test
class DesignerBrowserJaTest extends DesignerBrowserTest {

    @Override
    protected String language() {
        return "ja";
    }
}
