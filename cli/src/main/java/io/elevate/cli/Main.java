package io.elevate.cli;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code java -jar elevate.jar <command>}: runs one command and exits with its {@link ExitCode}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Environment.system(), System.out, System.err));
    }

    /** Runs {@code elevate args} in {@code environment}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, Environment environment, PrintStream out, PrintStream err) {
        Context context = new Context(environment);
        CommandLine commandLine = new CommandLine(new ElevateCommand(), factory(context));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setUsageHelpWidth(100);
        Map<String, String> exitCodes = ExitCode.descriptions();
        for (CommandLine command : all(commandLine)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        }
        commandLine.setParameterExceptionHandler((problem, arguments) -> {
            PrintWriter writer = problem.getCommandLine().getErr();
            writer.println("elevate: " + Terminal.shownLines(problem.getMessage()));
            writer.println("Try `" + problem.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
            writer.flush();
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((problem, command, parsed) -> {
            PrintWriter writer = command.getErr();
            if (problem instanceof CliException expected) {
                writer.println("elevate: " + Terminal.shownLines(expected.getMessage()));
                if (environment.debug() && expected.getCause() != null) {
                    expected.getCause().printStackTrace(writer);
                }
                writer.flush();
                return expected.exitCode();
            }
            writer.println("elevate: unexpected error: " + Terminal.shownLines(String.valueOf(problem)));
            if (environment.debug()) {
                problem.printStackTrace(writer);
            } else {
                writer.println("(set ELEVATE_DEBUG=1 to see where)");
            }
            writer.flush();
            return ExitCode.INTERNAL_ERROR;
        });
        return commandLine.execute(args);
    }

    /** Makes commands that take the run's {@link Context}; everything else as picocli does. */
    private static IFactory factory(Context context) {
        IFactory defaults = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    Constructor<K> constructor = type.getDeclaredConstructor(Context.class);
                    constructor.setAccessible(true);
                    return constructor.newInstance(context);
                } catch (NoSuchMethodException noContext) {
                    return defaults.create(type);
                }
            }
        };
    }

    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> commands = new ArrayList<>();
        commands.add(root);
        root.getSubcommands().values().forEach(sub -> commands.addAll(all(sub)));
        return commands;
    }
}
