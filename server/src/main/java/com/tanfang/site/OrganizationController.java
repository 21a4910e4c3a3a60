package com.tanfang.site;

import com.tanfang.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

/** Client organisations with their sites and locations. Staff read; ADMIN and LEAD write; a CLIENT reads its own. */
@Controller("/api/v1/organizations")
@Tag(name = "organizations")
public class OrganizationController {
    private final Sites sites;

    public OrganizationController(Sites sites) {
        this.sites = sites;
    }

    @Get
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<Organization> list(Caller caller) {
        return sites.visibleOrganizations(caller);
    }

    @Post
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<Organization> create(@Body @Valid SiteDtos.OrganizationInput in) {
        return HttpResponse.created(sites.createOrganization(in));
    }

    @Get("/{orgId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public Organization get(long orgId, Caller caller) {
        return sites.organization(orgId, caller);
    }

    @Put("/{orgId}")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public Organization update(long orgId, @Body @Valid SiteDtos.OrganizationInput in, Caller caller) {
        return sites.updateOrganization(orgId, in, caller);
    }

    @Get("/{orgId}/sites")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<Site> sites(long orgId, Caller caller) {
        return sites.sites(orgId, caller);
    }

    @Post("/{orgId}/sites")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<Site> createSite(long orgId, @Body @Valid SiteDtos.SiteInput in, Caller caller) {
        return HttpResponse.created(sites.createSite(orgId, in, caller));
    }

    @Get("/{orgId}/sites/{siteId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public Site site(long orgId, long siteId, Caller caller) {
        return sites.site(orgId, siteId, caller);
    }

    @Put("/{orgId}/sites/{siteId}")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public Site updateSite(long orgId, long siteId, @Body @Valid SiteDtos.SiteInput in, Caller caller) {
        return sites.updateSite(orgId, siteId, in, caller);
    }

    @Get("/{orgId}/sites/{siteId}/locations")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<Location> locations(long orgId, long siteId, Caller caller) {
        return sites.locations(orgId, siteId, caller);
    }

    @Post("/{orgId}/sites/{siteId}/locations")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<Location> createLocation(long orgId, long siteId, @Body @Valid SiteDtos.LocationInput in,
                                                 Caller caller) {
        return HttpResponse.created(sites.createLocation(orgId, siteId, in, caller));
    }

    @Patch("/{orgId}/sites/{siteId}/locations/{locationId}")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public Location updateLocation(long orgId, long siteId, long locationId, @Body @Valid SiteDtos.LocationChange in,
                                   Caller caller) {
        return sites.updateLocation(orgId, siteId, locationId, in, caller);
    }

    /** Bulk creation, e.g. buildings 1-15 each with stairwells A and B; all or nothing. */
    @Post("/{orgId}/sites/{siteId}/locations/bulk")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<List<Location>> createBulk(long orgId, long siteId, @Body @Valid SiteDtos.BulkLocations in,
                                                   Caller caller) {
        return HttpResponse.created(sites.createBulk(orgId, siteId, in, caller));
    }
}
