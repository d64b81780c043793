package archfixtures.synctarget.schemasync.datasource;

public record DataSourceRecord(String host) {
}
