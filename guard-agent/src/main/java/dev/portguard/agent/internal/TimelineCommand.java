package dev.portguard.agent.internal;

import dev.portguard.agent.AgentCommand;
import dev.portguard.core.doctor.Doctor;
import dev.portguard.core.internal.report.ReportFile;
import dev.portguard.core.internal.report.timeline.TimelinePage;
import dev.portguard.core.internal.text.Quoted;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar guard-agent.jar timeline report.json [out.html]}: the page the guard writes beside its report,
 * from a saved report (copied off a pod, attached to a ticket). Exit 0 written, 1 unreadable or not a report,
 * 64 usage.
 */
final class TimelineCommand implements AgentCommand {
    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public String summary() {
        return "render a saved JSON report as a self-contained HTML page: timeline report.json [out.html]"
                + " (default: report.html beside it)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.size() > 2 || args.get(0).startsWith("-")) {
            err.println("usage: java -jar guard-agent.jar timeline report.json [out.html]");
            return Doctor.USAGE;
        }
        Path report = Path.of(args.get(0));
        Path page = args.size() == 2 ? Path.of(args.get(1)) : TimelinePage.beside(report);
        String html;
        try {
            html = TimelinePage.render(Files.readString(report, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("cannot read " + Quoted.of(report.toString()) + ": " + e);
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(Quoted.of(report.toString()) + " is not a PortGuard report: " + e.getMessage());
            return 1;
        }
        try {
            ReportFile.write(page, html);
        } catch (IOException e) {
            err.println("cannot write " + Quoted.of(page.toString()) + ": " + e);
            return 1;
        }
        out.println("wrote " + page.toAbsolutePath());
        return 0;
    }
}
