package io.elevate.api;

import io.elevate.admin.ElevationAdminResourceProviderFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("docs/openapi.yaml")
class OpenApiDocumentTest {

    @Test
    void describesEveryEndpointOfTheRealmAndAdminApis() throws IOException {
        String document = Files.readString(java.nio.file.Path.of(System.getProperty("elevate.root", ".."),
                "docs", "openapi.yaml"));
        List<String> paths = new ArrayList<>();
        paths.addAll(endpoints("/realms/{realm}/elevation/", ElevationApi.class));
        paths.addAll(endpoints("/realms/{realm}/elevation/audit", AuditResource.class));
        paths.addAll(endpoints("/realms/{realm}/elevation/stats", StatsResource.class));
        paths.addAll(endpoints("/admin/realms/{realm}/" + ElevationAdminResourceProviderFactory.PROVIDER_ID + "/",
                io.elevate.admin.ElevationAdminResource.class));

        assertThat(paths).isNotEmpty().allSatisfy(path -> assertThat(document).contains("  " + path + ":"));
    }

    private static List<String> endpoints(String prefix, Class<?> resource) {
        List<String> paths = new ArrayList<>();
        for (Method method : resource.getDeclaredMethods()) {
            if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)) {
                Path path = method.getAnnotation(Path.class);
                String tail = path == null ? "" : path.value();
                paths.add((prefix + tail).replaceAll("/$", ""));
            }
        }
        return paths;
    }
}
