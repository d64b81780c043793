package io.hybridlicense.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReactiveDatasourceUrlTest {

    @Test
    void aSingleHostJdbcUrl_becomesTheReactiveClientsUrl() {
        assertThat(ReactiveDatasourceUrl.reactiveUrl("jdbc:postgresql://localhost:5432/postgres"))
                .isEqualTo("postgresql://localhost:5432/postgres");
        assertThat(ReactiveDatasourceUrl.reactiveUrl("jdbc:postgresql://db/hybrid_license"))
                .isEqualTo("postgresql://db/hybrid_license");
        assertThat(ReactiveDatasourceUrl.reactiveUrl("jdbc:postgresql://[::1]:5433/hl"))
                .isEqualTo("postgresql://[::1]:5433/hl");
    }

    @Test
    void onlyParametersBothDriversReadAlike_areKept() {
        assertThat(ReactiveDatasourceUrl.reactiveUrl(
                "jdbc:postgresql://db:5432/hl?sslmode=verify-full&prepareThreshold=0&ApplicationName=x&password=s3cret"))
                .isEqualTo("postgresql://db:5432/hl?sslmode=verify-full&password=s3cret");
    }

    @Test
    void whatCannotBeDerived_isLeftUnset() {
        assertThat(ReactiveDatasourceUrl.reactiveUrl(null)).isNull();
        assertThat(ReactiveDatasourceUrl.reactiveUrl("jdbc:postgresql://db1:5432,db2:5432/hl")).isNull();
        assertThat(ReactiveDatasourceUrl.reactiveUrl("jdbc:mariadb://db:3306/hl")).isNull();
        assertThat(ReactiveDatasourceUrl.reactiveUrl("jdbc:postgresql:hl")).isNull();
    }
}
