package archfixtures.direction.admin.api;

public interface AdminApi {
}
