package archfixtures.synctarget.schemasync.domain;

public record SchemaChange(String table) {
}
