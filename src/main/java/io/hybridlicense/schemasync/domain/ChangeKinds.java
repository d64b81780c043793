package io.hybridlicense.schemasync.domain;

import io.hybridlicense.schemasync.domain.SchemaChange;

/** The API's names of change kinds. */
public final class ChangeKinds {

    private ChangeKinds() {
    }

    public static String of(SchemaChange change) {
        if (change instanceof SchemaChange.CreateTable) {
            return "create-table";
        } else if (change instanceof SchemaChange.AddColumn) {
            return "add-column";
        } else if (change instanceof SchemaChange.AlterColumn) {
            return "alter-column";
        } else if (change instanceof SchemaChange.DropColumn) {
            return "drop-column";
        } else if (change instanceof SchemaChange.RenameTable) {
            return "rename-table";
        } else if (change instanceof SchemaChange.Reshape reshape) {
            return reshape.kind();
        }
        return "drop-table";
    }
}
