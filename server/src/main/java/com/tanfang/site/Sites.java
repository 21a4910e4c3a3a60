package com.tanfang.site;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Organisations, sites and locations, with the rule that a CLIENT sees only its own organisation. */
@Singleton
public class Sites {
    private final OrganizationRepository organizations;
    private final SiteRepository sites;
    private final LocationRepository locations;
    private final Access access;

    public Sites(OrganizationRepository organizations, SiteRepository sites, LocationRepository locations,
                 Access access) {
        this.access = access;
        this.organizations = organizations;
        this.sites = sites;
        this.locations = locations;
    }

    public List<Organization> visibleOrganizations(Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            return caller.organizationId() == null ? List.of()
                    : organizations.findById(caller.organizationId()).stream().toList();
        }
        return organizations.listAll();
    }

    public Organization organization(long id, Caller caller) {
        access.organization(caller, id);
        return organizations.findById(id).orElseThrow(() -> NotFoundException.of("not_found.organization", id));
    }

    @Transactional
    public Organization createOrganization(SiteDtos.OrganizationInput in) {
        if (organizations.findByNameIgnoreCase(in.name().trim()).isPresent()) {
            throw ConflictException.field("name", "organization.name_taken");
        }
        return organizations.save(new Organization(null, in.name().trim(), trim(in.nameEn()), in.creditCode(),
                trim(in.contact()), trim(in.phone()), null));
    }

    @Transactional
    public Organization updateOrganization(long id, SiteDtos.OrganizationInput in, Caller caller) {
        Organization o = organization(id, caller);
        organizations.findByNameIgnoreCase(in.name().trim()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw ConflictException.field("name", "organization.name_taken");
        });
        return organizations.update(new Organization(o.id(), in.name().trim(), trim(in.nameEn()), in.creditCode(),
                trim(in.contact()), trim(in.phone()), o.createdAt()));
    }

    public List<Site> sites(long organizationId, Caller caller) {
        organization(organizationId, caller);
        return sites.listByOrganization(organizationId);
    }

    public Site site(long organizationId, long siteId, Caller caller) {
        organization(organizationId, caller);
        return sites.findById(siteId).filter(s -> s.organizationId() == organizationId)
                .orElseThrow(() -> NotFoundException.of("not_found.site", siteId));
    }

    @Transactional
    public Site createSite(long organizationId, SiteDtos.SiteInput in, Caller caller) {
        organization(organizationId, caller);
        if (sites.findByName(organizationId, in.name().trim()).isPresent()) {
            throw ConflictException.field("name", "site.name_taken");
        }
        return sites.save(new Site(null, organizationId, in.name().trim(), trim(in.nameEn()), in.kind(),
                trim(in.address()), in.latitude(), in.longitude(), null));
    }

    @Transactional
    public Site updateSite(long organizationId, long siteId, SiteDtos.SiteInput in, Caller caller) {
        Site s = site(organizationId, siteId, caller);
        sites.findByName(organizationId, in.name().trim()).filter(other -> !other.id().equals(siteId)).ifPresent(o -> {
            throw ConflictException.field("name", "site.name_taken");
        });
        return sites.update(new Site(s.id(), organizationId, in.name().trim(), trim(in.nameEn()), in.kind(),
                trim(in.address()), in.latitude(), in.longitude(), s.createdAt()));
    }

    public List<Location> locations(long organizationId, long siteId, Caller caller) {
        site(organizationId, siteId, caller);
        return locations.listBySite(siteId);
    }

    @Transactional
    public Location createLocation(long organizationId, long siteId, SiteDtos.LocationInput in, Caller caller) {
        site(organizationId, siteId, caller);
        if (in.parentId() != null && locations.findById(in.parentId()).filter(p -> p.siteId() == siteId).isEmpty()) {
            throw InvalidException.field("parentId", "location.no_such_parent", in.parentId());
        }
        if (locations.codesInSite(siteId).contains(in.code().toLowerCase(Locale.ROOT))) {
            throw ConflictException.field("code", "location.code_taken", in.code());
        }
        return locations.save(new Location(null, siteId, in.parentId(), in.kind(), in.code(), in.name().trim(),
                in.households(), locations.maxSortOrder(siteId) + 1, null));
    }

    @Transactional
    public Location updateLocation(long organizationId, long siteId, long locationId, SiteDtos.LocationChange in,
                                   Caller caller) {
        site(organizationId, siteId, caller);
        Location l = locations.findById(locationId).filter(x -> x.siteId() == siteId)
                .orElseThrow(() -> NotFoundException.of("not_found.location", locationId));
        return locations.update(new Location(l.id(), l.siteId(), l.parentId(), l.kind(), l.code(),
                in.name() == null ? l.name() : in.name().trim(),
                in.households() == null ? l.households() : in.households(), l.sortOrder(), l.createdAt()));
    }

    /** Creates the whole plan or nothing; a code that already exists stops it with every clash listed. */
    @Transactional
    public List<Location> createBulk(long organizationId, long siteId, SiteDtos.BulkLocations in, Caller caller) {
        site(organizationId, siteId, caller);
        List<BulkLocationPlan.Planned> plan;
        try {
            plan = BulkLocationPlan.expand(in.kind(), in.from(), in.to(), in.nameTemplate(), in.codeTemplate(),
                    in.children() == null ? null : new BulkLocationPlan.Children(in.children().kind(),
                            in.children().labels(), in.children().nameTemplate(), in.children().codeTemplate()));
        } catch (BulkLocationPlan.Unplannable e) {
            throw new InvalidException(List.of(e.problem()));
        }
        Set<String> existing = new HashSet<>(locations.codesInSite(siteId));
        List<FieldProblem> clashes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BulkLocationPlan.Planned p : plan) {
            String code = p.code().toLowerCase(Locale.ROOT);
            if (existing.contains(code) || !seen.add(code)) {
                clashes.add(FieldProblem.of("codeTemplate", "location.code_exists", p.code()));
            }
        }
        if (!clashes.isEmpty()) {
            throw new ConflictException(Message.of("location.codes_exist", clashes.size()),
                    clashes.subList(0, Math.min(clashes.size(), 50)));
        }
        int order = locations.maxSortOrder(siteId);
        List<Location> created = new ArrayList<>(plan.size());
        for (BulkLocationPlan.Planned p : plan) {
            Long parent = p.parent() < 0 ? null : created.get(p.parent()).id();
            created.add(locations.save(new Location(null, siteId, parent, p.kind(), p.code(), p.name(), null, ++order, null)));
        }
        return created;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
