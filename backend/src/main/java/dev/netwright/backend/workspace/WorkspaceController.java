package dev.netwright.backend.workspace;

import dev.netwright.backend.api.PageRequest;
import dev.netwright.backend.api.Page;
import dev.netwright.backend.audit.AuditEntry;
import dev.netwright.backend.audit.AuditLog;
import dev.netwright.backend.security.AppUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Workspaces, members, invitations, projects and the workspace audit log. */
@RestController
class WorkspaceController {
    record NameRequest(String name) {
    }

    record RoleRequest(String role) {
    }

    record InviteRequest(String user, String role) {
    }

    record ProjectRequest(String name, String description) {
    }

    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final WorkspaceAccess access;
    private final AuditLog audit;

    WorkspaceController(WorkspaceService workspaces, ProjectService projects, WorkspaceAccess access,
                        AuditLog audit) {
        this.workspaces = workspaces;
        this.projects = projects;
        this.access = access;
        this.audit = audit;
    }

    @PostMapping("/api/workspaces")
    @ResponseStatus(HttpStatus.CREATED)
    WorkspaceViews.Workspace create(@AuthenticationPrincipal AppUser user, @RequestBody NameRequest body) {
        return workspaces.create(user, body.name());
    }

    @GetMapping("/api/workspaces")
    Page<WorkspaceViews.Workspace> list(@AuthenticationPrincipal AppUser user,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "50") int size) {
        return Page.slice(workspaces.list(user), new PageRequest(page, size));
    }

    @GetMapping("/api/workspaces/{id}")
    WorkspaceViews.Workspace get(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return workspaces.get(user, id);
    }

    @PatchMapping("/api/workspaces/{id}")
    WorkspaceViews.Workspace rename(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                    @RequestBody NameRequest body) {
        return workspaces.rename(user, id, body.name());
    }

    @GetMapping("/api/workspaces/{id}/members")
    Page<WorkspaceViews.Member> members(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        return Page.slice(workspaces.members(user, id), request);
    }

    @PutMapping("/api/workspaces/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeRole(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @PathVariable UUID userId,
                    @RequestBody RoleRequest body) {
        workspaces.changeRole(user, id, userId, Role.parse(body.role()));
    }

    @DeleteMapping("/api/workspaces/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @PathVariable UUID userId) {
        workspaces.removeMember(user, id, userId);
    }

    @PostMapping("/api/workspaces/{id}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    WorkspaceViews.Invitation invite(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                     @RequestBody InviteRequest body) {
        return workspaces.invite(user, id, body.user(), body.role() == null ? Role.VIEWER : Role.parse(body.role()));
    }

    @GetMapping("/api/workspaces/{id}/invitations")
    Page<WorkspaceViews.Invitation> workspaceInvitations(@AuthenticationPrincipal AppUser user,
                                                         @PathVariable UUID id,
                                                         @RequestParam(defaultValue = "0") int page,
                                                         @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        return Page.slice(workspaces.workspaceInvitations(user, id), request);
    }

    @DeleteMapping("/api/workspaces/{id}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AppUser user, @PathVariable UUID id, @PathVariable UUID invitationId) {
        workspaces.revokeInvitation(user, id, invitationId);
    }

    @GetMapping("/api/invitations")
    Page<WorkspaceViews.Invitation> myInvitations(@AuthenticationPrincipal AppUser user,
                                                  @RequestParam(defaultValue = "0") int page,
                                                  @RequestParam(defaultValue = "50") int size) {
        return Page.slice(workspaces.myInvitations(user), new PageRequest(page, size));
    }

    @PostMapping("/api/invitations/{id}/accept")
    WorkspaceViews.Invitation accept(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return workspaces.answer(user, id, true);
    }

    @PostMapping("/api/invitations/{id}/decline")
    WorkspaceViews.Invitation decline(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return workspaces.answer(user, id, false);
    }

    @GetMapping("/api/workspaces/{id}/audit")
    Page<AuditEntry> audit(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        access.requireWorkspace(user.id(), id, Role.OWNER);
        return audit.forWorkspace(id, request);
    }

    @PostMapping("/api/workspaces/{id}/projects")
    @ResponseStatus(HttpStatus.CREATED)
    WorkspaceViews.Project createProject(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                         @RequestBody ProjectRequest body) {
        return projects.create(user, id, body.name(), body.description());
    }

    @GetMapping("/api/workspaces/{id}/projects")
    Page<WorkspaceViews.Project> listProjects(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "50") int size) {
        PageRequest request = new PageRequest(page, size);
        return Page.slice(projects.list(user, id), request);
    }

    @GetMapping("/api/projects/{id}")
    WorkspaceViews.Project getProject(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        return projects.get(user, id);
    }

    @PatchMapping("/api/projects/{id}")
    WorkspaceViews.Project updateProject(@AuthenticationPrincipal AppUser user, @PathVariable UUID id,
                                         @RequestBody ProjectRequest body) {
        return projects.update(user, id, body.name(), body.description());
    }

    @DeleteMapping("/api/projects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteProject(@AuthenticationPrincipal AppUser user, @PathVariable UUID id) {
        projects.delete(user, id);
    }
}
