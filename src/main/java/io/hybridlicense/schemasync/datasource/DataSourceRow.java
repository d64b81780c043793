package io.hybridlicense.schemasync.datasource;

/** One data source as the console shows it; {@code where} is its address, never its credentials. */
public record DataSourceRow(DataSourceRecord ds, String where) {

    public static DataSourceRow of(DataSourceRecord ds) {
        String where = ds.file() != null ? ds.file() : ds.host() + ":" + ds.port() + "/" + ds.database();
        return new DataSourceRow(ds, where);
    }

    public String kind() {
        return ds.dialect().apiName();
    }
}
