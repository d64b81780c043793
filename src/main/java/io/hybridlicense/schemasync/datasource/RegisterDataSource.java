package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.DataSourceRegistered;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.target.TargetConnector;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Registers a user's database after checking every field; the password is stored encrypted. A SQLite
 * file must exist already, unless the request asks to create a new, empty one.
 */
@ApplicationScoped
class RegisterDataSource {

    private final DataSources dataSources;
    private final Targets targets;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final Event<DataSourceRegistered> registered;

    RegisterDataSource(DataSources dataSources, Targets targets, CredentialCipher cipher, Clock clock,
                       Event<DataSourceRegistered> registered) {
        this.dataSources = dataSources;
        this.targets = targets;
        this.cipher = cipher;
        this.clock = clock;
        this.registered = registered;
    }

    @Transactional
    DataSourceRecord register(Caller caller, DataSourceRequest request) {
        Dialect dialect = Dialect.fromApiName(request.kind());
        UUID id = UUID.randomUUID();
        Map<String, String> options = request.options() == null ? Map.of() : Map.copyOf(request.options());
        requireAllowedOptions(dialect, options);
        DataSourceRecord ds = dialect == Dialect.SQLITE ? sqlite(id, caller, request, options) : server(id, caller, request, options, dialect);
        if (!dataSources.insert(ds)) {
            throw ProblemException.conflict("datasource-name-taken", "You already have a data source with that name");
        }
        registered.fire(new DataSourceRegistered(id, ds.ownerId(), ds.name(), dialect.apiName(), caller.userId().toString()));
        if (Boolean.TRUE.equals(request.create())) {
            // last, once nothing else can refuse: a refusal after it would leave an empty file behind
            targets.createSqliteFile(caller.userId().toString(), request.file());
        }
        return ds;
    }

    private DataSourceRecord server(UUID id, Caller caller, DataSourceRequest r, Map<String, String> options, Dialect dialect) {
        require(r.file() == null && r.create() == null, "file and create are only for sqlite");
        require(TargetConnector.isValidHost(r.host()), "host must be a host name or an IP address");
        require(r.port() != null, "port is required");
        require(TargetConnector.isValidDatabaseName(r.database()), "database must match [A-Za-z0-9_][A-Za-z0-9_$-]{0,63}");
        require(r.username() != null && !r.username().isBlank(), "username is required");
        targets.requireAllowedHost(r.host());
        byte[] secret = r.password() == null ? null : cipher.encrypt(id, r.password());
        DataSourceRecord ds = new DataSourceRecord(id, caller.userId().toString(), r.name(), dialect, r.host(), r.port(), r.database(),
                r.username(), null, options, secret, clock.now());
        targets.requireNotCoreDatabase(ds);
        return ds;
    }

    private DataSourceRecord sqlite(UUID id, Caller caller, DataSourceRequest r, Map<String, String> options) {
        require(r.host() == null && r.port() == null && r.database() == null && r.username() == null && r.password() == null,
                "sqlite takes only name, kind, file and create");
        targets.requireSqliteEnabled();
        if (!Boolean.TRUE.equals(r.create())) {
            targets.existingSqliteFile(caller.userId().toString(), r.file());
        }
        return new DataSourceRecord(id, caller.userId().toString(), r.name(), Dialect.SQLITE, null, null, null, null, r.file(),
                options, null, clock.now());
    }

    private static void requireAllowedOptions(Dialect dialect, Map<String, String> options) {
        Map<String, Set<String>> allowed = TargetConnector.ALLOWED_OPTIONS.get(dialect);
        options.forEach((key, value) -> require(allowed.containsKey(key) && allowed.get(key).contains(value),
                "options: only " + (allowed.isEmpty() ? "none" : allowed.keySet().toString()) + " with their documented values "
                        + "are allowed for " + dialect.apiName()));
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw ProblemException.badRequest("invalid-datasource", detail);
        }
    }
}
