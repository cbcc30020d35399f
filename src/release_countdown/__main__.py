from release_countdown.cli.app import main

main()
