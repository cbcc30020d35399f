from release_countdown.cli.entry import main

main()
